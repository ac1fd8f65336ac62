-- The least database work one 2204 + 2207 flow can cost on PostgreSQL with the engine outside the
-- database (issue 6, docs/performance.md "What PostgreSQL alone can do"): run by scripts/bench-ideal-flow.sh
-- with pgbench -M prepared. Every write the flow must make durable, on the real schema and its indexes,
-- each HIS transaction in as few round trips as possible (pipelined): the fee upload in one, the
-- settlement in two (its reads and lock, then every write and COMMIT). No token, basis, HTTP or JSON.
\set m 1000000000000 + random(1, 200000)
\set r random(1, 1000000000000000)
\set now 1796000000000
-- 2204: the encounter read, the lines and the stored answer, one pipeline.
\startpipeline
BEGIN;
SELECT status, psn_no FROM encounters WHERE mdtrt_id = :m;
INSERT INTO fee_details (admdvs, mdtrt_id, feedetl_sn, med_list_codg, medins_list_codg, det_item_fee_sumamt_fen, pric_fen, cnt_e4, fee_ocur_time, setl_id, created_at)
SELECT '350200', :m::bigint, :r || '-' || g, '110200001', 'H110200001', 2000, 2000, 10000, '2026-11-20', NULL, :now FROM generate_series(1, 5) g;
INSERT INTO his_messages (admdvs, fixmedins_code, msgid, infno, request_sha256, response, created_at)
VALUES ('350200', 'H35020000001', 'U' || :r, '2204', repeat('a', 64), repeat('x', 1937), :now);
COMMIT;
\endpipeline
-- 2207, first round trip: the person's account locked, the encounter, its unsettled lines and the accumulators.
\startpipeline
BEGIN;
SELECT a.first_level_fen, a.second_level_fen, e.status, acc.figures,
       (SELECT count(*) FROM fee_details f WHERE f.admdvs = '350200' AND f.mdtrt_id = :m AND f.setl_id IS NULL) AS lines
FROM encounters e JOIN person_accounts a ON a.admdvs = e.admdvs AND a.psn_no = e.psn_no
LEFT JOIN accumulators acc ON acc.admdvs = e.admdvs AND acc.psn_no = e.psn_no AND acc.insutype = '310' AND acc.year_start = '2026-01-01'
WHERE e.mdtrt_id = :m FOR UPDATE OF a;
\endpipeline
-- second round trip: every write of the settlement, the audit link and the answer, then COMMIT.
\startpipeline
WITH e AS (SELECT admdvs, psn_no FROM encounters WHERE mdtrt_id = :m),
s AS (INSERT INTO settlements (admdvs, setl_id, mdtrt_id, psn_no, fixmedins_code, insutype, med_type, setl_time, benefit_year_start,
        medfee_sumamt_fen, fulamt_ownpay_amt_fen, overlmt_selfpay_fen, preselfpay_amt_fen, inscp_scp_amt_fen, act_pay_dedc_fen,
        hifp_pay_fen, pool_prop_selfpay_fen, hifmi_pay_fen, hifob_pay_fen, cvlserv_pay_fen, hifes_pay_fen, maf_pay_fen, oth_pay_fen,
        fund_pay_sumamt_fen, acct_pay_fen, psn_cash_pay_fen, psn_part_amt_fen, balc_fen, status, cancel_setl_id, cancelled_at, detail, msgid, created_at)
      SELECT admdvs, :r::bigint, :m::bigint, psn_no, 'H35020000001', '310', '11', '2026-11-20', '2026-01-01', 10000, 0, 0, 0, 10000, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 6000, 4000, 10000, 100000, 'settled', NULL, NULL, repeat('d', 2729), 'S' || :r, :now FROM e),
l AS (INSERT INTO settlement_lines (admdvs, setl_id, line_no, feedetl_sn, med_list_codg, chrgitm_lv, det_item_fee_sumamt_fen,
        fulamt_ownpay_amt_fen, overlmt_amt_fen, preselfpay_amt_fen, inscp_scp_amt_fen)
      SELECT '350200', :r::bigint, g, :r || '-' || g, '110200001', '01', 2000, 0, 0, 0, 2000 FROM generate_series(1, 5) g),
f AS (UPDATE fee_details SET setl_id = :r WHERE admdvs = '350200' AND mdtrt_id = :m AND setl_id IS NULL),
st AS (UPDATE encounters SET status = 'settled' WHERE mdtrt_id = :m),
b AS (UPDATE person_accounts SET first_level_fen = first_level_fen - 0, updated_at = :now
      WHERE (admdvs, psn_no) = (SELECT admdvs, psn_no FROM e)),
al AS (INSERT INTO account_ledger (admdvs, entry_id, movement_id, psn_no, ledger_account, amount_fen, setl_id, kind, created_at)
      SELECT '350200', :r::bigint * 2 + k, :r::bigint, psn_no, CASE k WHEN 0 THEN 'first_level' ELSE 'institution_payable:350200' END,
        CASE k WHEN 0 THEN -6000 ELSE 6000 END, :r::bigint, 'settlement', :now FROM e, generate_series(0, 1) k),
acc AS (INSERT INTO accumulators (admdvs, psn_no, insutype, year_start, figures, hifp_paid_fen, updated_at)
      SELECT admdvs, psn_no, '310', '2026-01-01', repeat('f', 434), 0, :now FROM e
      ON CONFLICT (admdvs, psn_no, insutype, year_start) DO UPDATE SET figures = excluded.figures, updated_at = excluded.updated_at),
h AS (UPDATE audit_heads SET seq = seq + 1, prev_hash = hash,
        hash = encode(sha256(convert_to(hash || 'settlement.settle' || :r, 'UTF8')), 'hex')
      WHERE admdvs = '350200' RETURNING seq, prev_hash, hash),
a AS (INSERT INTO audit_log (admdvs, seq, at, actor, role, action, target, before_summary, after_summary, prev_hash, hash)
      SELECT '350200', seq, :now, 'his/opter', 'system_client', 'settlement.settle', 'settlement:' || :r, '',
        'mdtrt_id=' || :m || ' medfee=100.00 fund=0.00 acct=60.00 cash=40.00', prev_hash, hash FROM h)
INSERT INTO his_messages (admdvs, fixmedins_code, msgid, infno, request_sha256, response, created_at)
VALUES ('350200', 'H35020000001', 'S' || :r, '2207', repeat('a', 64), repeat('x', 3109), :now);
COMMIT;
\endpipeline
