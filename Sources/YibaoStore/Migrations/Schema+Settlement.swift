/// Migration 2: what real-time settlement needs — the catalogue, institutions' designation status and
/// declared lists, minimal persons with personal accounts, encounters, fee details, settlements with
/// their lines, the account and fund ledgers, accumulators and the HIS idempotency log.
///
/// Ids (`psn_no`, `mdtrt_id`, `setl_id`) are time-ordered BIGINTs unique on their own, so each also has
/// a unique index for look-up by id alone while the primary key still begins with `admdvs`.
extension Schema {
    static let v2Settlement = Migration(2, "catalogue, persons, real-time settlement", [
        // One row per (code, insutype): the class and ceiling may differ between schemes.
        """
        CREATE TABLE catalogue_items (
            admdvs TEXT NOT NULL REFERENCES regions(admdvs),
            med_list_codg TEXT NOT NULL,
            insutype TEXT NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('drug', 'service', 'consumable')),
            chrgitm_lv TEXT NOT NULL CHECK (chrgitm_lv IN ('01', '02', '03')),
            pric_uplmt_fen BIGINT CHECK (pric_uplmt_fen >= 0),
            lmt_sex TEXT,
            lmt_age_min BIGINT,
            lmt_age_max BIGINT,
            lmt_indication TEXT NOT NULL DEFAULT '',
            min_hosp_lv TEXT,
            begndate TEXT NOT NULL,
            enddate TEXT,
            updated_at BIGINT NOT NULL,
            PRIMARY KEY (admdvs, med_list_codg, insutype))
        """,
        // Designation status history: the status on a date is the row with the latest begndate on or
        // before it; an institution with no row is active since it was registered.
        """
        CREATE TABLE institution_status (
            admdvs TEXT NOT NULL,
            fixmedins_code TEXT NOT NULL REFERENCES institutions(fixmedins_code),
            begndate TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'terminated')),
            reason TEXT NOT NULL DEFAULT '',
            created_at BIGINT NOT NULL,
            created_by TEXT NOT NULL,
            PRIMARY KEY (admdvs, fixmedins_code, begndate))
        """,
        // 对照: the institution's own code mapped to the catalogue code, with the dates it is declared for.
        """
        CREATE TABLE institution_declared_items (
            admdvs TEXT NOT NULL,
            fixmedins_code TEXT NOT NULL REFERENCES institutions(fixmedins_code),
            medins_list_codg TEXT NOT NULL,
            med_list_codg TEXT NOT NULL,
            begndate TEXT NOT NULL,
            enddate TEXT,
            updated_at BIGINT NOT NULL,
            PRIMARY KEY (admdvs, fixmedins_code, medins_list_codg))
        """,
        "CREATE INDEX institution_declared_by_code ON institution_declared_items (fixmedins_code, med_list_codg)",
        """
        CREATE TABLE persons (
            admdvs TEXT NOT NULL REFERENCES regions(admdvs),
            psn_no BIGINT NOT NULL,
            certno TEXT NOT NULL,
            name TEXT NOT NULL,
            sex TEXT NOT NULL,
            birth_date TEXT NOT NULL,
            psn_type TEXT NOT NULL,
            special_statuses TEXT NOT NULL DEFAULT '',
            insutype TEXT NOT NULL,
            enrol_begin TEXT NOT NULL,
            enrol_end TEXT,
            eligibility TEXT NOT NULL DEFAULT 'active',
            eligibility_reason TEXT NOT NULL DEFAULT '',
            eligibility_since TEXT NOT NULL,
            continuous_years BIGINT NOT NULL DEFAULT 0,
            serious_illness_years BIGINT NOT NULL DEFAULT 0,
            created_at BIGINT NOT NULL,
            PRIMARY KEY (admdvs, psn_no))
        """,
        "CREATE UNIQUE INDEX persons_psn_no ON persons (psn_no)",
        "CREATE UNIQUE INDEX persons_certno ON persons (certno)",
        // The balance row is also the person's settlement lock (SELECT … FOR UPDATE on PostgreSQL).
        """
        CREATE TABLE person_accounts (
            admdvs TEXT NOT NULL,
            psn_no BIGINT NOT NULL,
            first_level_fen BIGINT NOT NULL CHECK (first_level_fen >= 0),
            second_level_fen BIGINT NOT NULL CHECK (second_level_fen >= 0),
            updated_at BIGINT NOT NULL,
            PRIMARY KEY (admdvs, psn_no))
        """,
        // Double entry: every movement is two rows with the same movement_id whose amounts sum to zero.
        """
        CREATE TABLE account_ledger (
            admdvs TEXT NOT NULL,
            entry_id BIGINT NOT NULL,
            movement_id BIGINT NOT NULL,
            psn_no BIGINT NOT NULL,
            ledger_account TEXT NOT NULL,
            amount_fen BIGINT NOT NULL,
            setl_id BIGINT,
            kind TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            PRIMARY KEY (admdvs, entry_id))
        """,
        "CREATE INDEX account_ledger_person ON account_ledger (admdvs, psn_no)",
        """
        CREATE TABLE fund_ledger (
            admdvs TEXT NOT NULL,
            entry_id BIGINT NOT NULL,
            fund TEXT NOT NULL,
            insutype TEXT NOT NULL,
            fixmedins_code TEXT NOT NULL,
            psn_no BIGINT NOT NULL,
            setl_id BIGINT NOT NULL,
            amount_fen BIGINT NOT NULL,
            kind TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            PRIMARY KEY (admdvs, entry_id))
        """,
        "CREATE INDEX fund_ledger_settlement ON fund_ledger (setl_id)",
        // The engine's Accumulators as JSON, plus the pooled fund's payment as a column for reports.
        """
        CREATE TABLE accumulators (
            admdvs TEXT NOT NULL,
            psn_no BIGINT NOT NULL,
            insutype TEXT NOT NULL,
            year_start TEXT NOT NULL,
            figures TEXT NOT NULL,
            hifp_paid_fen BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            PRIMARY KEY (admdvs, psn_no, insutype, year_start))
        """,
        """
        CREATE TABLE encounters (
            admdvs TEXT NOT NULL,
            mdtrt_id BIGINT NOT NULL,
            psn_no BIGINT NOT NULL,
            fixmedins_code TEXT NOT NULL REFERENCES institutions(fixmedins_code),
            insutype TEXT NOT NULL,
            med_type TEXT NOT NULL,
            referral BIGINT NOT NULL DEFAULT 0,
            ipt_otp_no TEXT NOT NULL DEFAULT '',
            begntime TEXT NOT NULL,
            endtime TEXT,
            status TEXT NOT NULL CHECK (status IN ('open', 'discharged', 'settled')),
            created_at BIGINT NOT NULL,
            PRIMARY KEY (admdvs, mdtrt_id))
        """,
        "CREATE UNIQUE INDEX encounters_mdtrt_id ON encounters (mdtrt_id)",
        """
        CREATE TABLE fee_details (
            admdvs TEXT NOT NULL,
            mdtrt_id BIGINT NOT NULL,
            feedetl_sn TEXT NOT NULL,
            med_list_codg TEXT NOT NULL,
            medins_list_codg TEXT NOT NULL,
            det_item_fee_sumamt_fen BIGINT NOT NULL CHECK (det_item_fee_sumamt_fen >= 0),
            pric_fen BIGINT NOT NULL CHECK (pric_fen >= 0),
            cnt_e4 BIGINT NOT NULL CHECK (cnt_e4 > 0),
            fee_ocur_time TEXT NOT NULL,
            setl_id BIGINT,
            created_at BIGINT NOT NULL,
            PRIMARY KEY (admdvs, mdtrt_id, feedetl_sn))
        """,
        """
        CREATE TABLE settlements (
            admdvs TEXT NOT NULL,
            setl_id BIGINT NOT NULL,
            mdtrt_id BIGINT NOT NULL,
            psn_no BIGINT NOT NULL,
            fixmedins_code TEXT NOT NULL,
            insutype TEXT NOT NULL,
            med_type TEXT NOT NULL,
            setl_time TEXT NOT NULL,
            benefit_year_start TEXT NOT NULL,
            medfee_sumamt_fen BIGINT NOT NULL,
            fulamt_ownpay_amt_fen BIGINT NOT NULL,
            overlmt_selfpay_fen BIGINT NOT NULL,
            preselfpay_amt_fen BIGINT NOT NULL,
            inscp_scp_amt_fen BIGINT NOT NULL,
            act_pay_dedc_fen BIGINT NOT NULL,
            hifp_pay_fen BIGINT NOT NULL,
            pool_prop_selfpay_fen BIGINT NOT NULL,
            hifmi_pay_fen BIGINT NOT NULL,
            hifob_pay_fen BIGINT NOT NULL,
            cvlserv_pay_fen BIGINT NOT NULL,
            hifes_pay_fen BIGINT NOT NULL,
            maf_pay_fen BIGINT NOT NULL,
            oth_pay_fen BIGINT NOT NULL,
            fund_pay_sumamt_fen BIGINT NOT NULL,
            acct_pay_fen BIGINT NOT NULL,
            psn_cash_pay_fen BIGINT NOT NULL,
            psn_part_amt_fen BIGINT NOT NULL,
            balc_fen BIGINT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('settled', 'cancelled')),
            cancel_setl_id BIGINT,
            cancelled_at BIGINT,
            detail TEXT NOT NULL,
            msgid TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            PRIMARY KEY (admdvs, setl_id),
            CHECK (medfee_sumamt_fen = fund_pay_sumamt_fen + acct_pay_fen + psn_cash_pay_fen))
        """,
        "CREATE UNIQUE INDEX settlements_setl_id ON settlements (setl_id)",
        """
        CREATE TABLE settlement_lines (
            admdvs TEXT NOT NULL,
            setl_id BIGINT NOT NULL,
            line_no BIGINT NOT NULL,
            feedetl_sn TEXT NOT NULL,
            med_list_codg TEXT NOT NULL,
            chrgitm_lv TEXT NOT NULL,
            det_item_fee_sumamt_fen BIGINT NOT NULL,
            fulamt_ownpay_amt_fen BIGINT NOT NULL,
            overlmt_amt_fen BIGINT NOT NULL,
            preselfpay_amt_fen BIGINT NOT NULL,
            inscp_scp_amt_fen BIGINT NOT NULL,
            PRIMARY KEY (admdvs, setl_id, line_no))
        """,
        // Idempotency: the first answer to each (institution, msgid), returned again on a retry.
        """
        CREATE TABLE his_messages (
            admdvs TEXT NOT NULL,
            fixmedins_code TEXT NOT NULL,
            msgid TEXT NOT NULL,
            infno TEXT NOT NULL,
            request_sha256 TEXT NOT NULL,
            response TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            PRIMARY KEY (admdvs, fixmedins_code, msgid))
        """,
    ])
}
