import SQLKit
import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// `yibao demo generate --encounters`: a generated region's bills settled through the real-time
/// settlement path leave books that balance — every settlement total = funds + account + cash, the
/// fund ledger and the account ledger agree with the settlements, every movement sums to zero, each
/// balance is its ledger, accumulators are their settlements — and each bill is settled once, also
/// after a run that stopped part-way.
@Suite struct SyntheticEncounterWriterTests {
    static let actor = SyntheticRegionWriterTests.actor
    static let providers = SyntheticProviders(region: try! RegionCode.parse("329800"), institutions: 8, seed: 11)

    @Test(arguments: TestBackend.all)
    func settledStreamBalancesAndResumesWithoutSettlingTwice(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            _ = try await SyntheticRegionWriter(database: db).generate(region: "329800", persons: 1_200, institutions: 8, seed: 11,
                                                                       month: "2026-11", by: Self.actor)
            let writer = SyntheticEncounterWriter(database: db, chunkSize: 150, lanes: 3)
            // A run that stopped in its second chunk: the first 250 bills of the 400 are the whole of a
            // 250-bill stream (bills are drawn one at a time), and progress says one chunk was done.
            let first = try await writer.write(region: "329800", providers: Self.providers, encounters: 250, seed: 11, month: "2026-11",
                                               by: Self.actor)
            #expect(first.bills == 250 && first.settled + first.refused.values.reduce(0, +) == 250)
            try await db.write { sql in
                try await sql.update("batch_runs").set("period", to: "seed=11 encounters=400 month=2026-11").set("status", to: "running")
                    .set("processed", to: 150).where("admdvs", .equal, "329800").where("kind", .equal, "encounters").run()
            }
            let rest = try await writer.write(region: "329800", providers: Self.providers, encounters: 400, seed: 11, month: "2026-11",
                                              by: Self.actor)
            #expect(Set(first.refused.keys).union(rest.refused.keys).isSubset(of: ["PERSON_NOT_COVERED"]))

            // Each bill settled once, for exactly what it billed.
            var stream = try SyntheticBills(providers: Self.providers, persons: 1_200, count: 400, seed: 11,
                                            start: LocalDate(year: 2026, month: 8, day: 3)!, days: 90)
            let bills = stream.next(400)
            let settled = try await Self.figures(db, """
                SELECT e.ipt_otp_no AS k, s.medfee_sumamt_fen AS n FROM settlements s JOIN encounters e ON e.mdtrt_id = s.mdtrt_id
                WHERE s.admdvs = '329800'
                """)
            #expect(settled.count == first.settled + rest.settled)
            #expect(try await Self.number(db, "SELECT COUNT(*) AS n FROM encounters WHERE admdvs = '329800'") == settled.count)
            let mismatched = bills.filter { bill in settled["SYN-\(bill.index)"].map { $0 != bill.total.fen } ?? false }
            #expect(mismatched.isEmpty)
            // A refusal writes nothing, so the resumed run tried the stopped chunk's refused bills again.
            let refused = bills.filter { settled["SYN-\($0.index)"] == nil }
            let retried = refused.filter { (150..<250).contains($0.index) }
            #expect(rest.bills == 150 + retried.count)
            let refusedTotal = refused.reduce(Money.zero) { $0 + $1.total }
            #expect(refusedTotal + retried.reduce(Money.zero) { $0 + $1.total } == first.refusedAmount + rest.refusedAmount)
            #expect(first.medfee + rest.medfee + refusedTotal == bills.reduce(Money.zero) { $0 + $1.total })
            #expect(Set(try await Self.figures(db, "SELECT med_type AS k, COUNT(*) AS n FROM settlements GROUP BY med_type").keys) == ["11", "21", "41"])

            // The books.
            let violations = [
                "SELECT COUNT(*) AS n FROM settlements WHERE medfee_sumamt_fen <> fund_pay_sumamt_fen + acct_pay_fen + psn_cash_pay_fen",
                """
                SELECT COUNT(*) AS n FROM settlements s WHERE s.fund_pay_sumamt_fen <>
                    (SELECT COALESCE(SUM(f.amount_fen), 0) FROM fund_ledger f WHERE f.setl_id = s.setl_id)
                """,
                """
                SELECT COUNT(*) AS n FROM settlements s WHERE s.acct_pay_fen <>
                    -(SELECT COALESCE(SUM(a.amount_fen), 0) FROM account_ledger a
                      WHERE a.setl_id = s.setl_id AND a.ledger_account IN ('first_level', 'second_level'))
                """,
                "SELECT COUNT(*) AS n FROM (SELECT movement_id FROM account_ledger GROUP BY movement_id HAVING SUM(amount_fen) <> 0) t",
                """
                SELECT COUNT(*) AS n FROM person_accounts p WHERE p.admdvs = '329800' AND p.first_level_fen + p.second_level_fen <>
                    (SELECT COALESCE(SUM(a.amount_fen), 0) FROM account_ledger a
                     WHERE a.psn_no = p.psn_no AND a.ledger_account IN ('first_level', 'second_level'))
                """,
                // What each fund paid this year is its settlements' (an uncovered one — waiting, in
                // arrears — pays nothing and moves no accumulator); the in-scope position moves only
                // with covered settlements, so it is at most theirs.
                """
                SELECT COUNT(*) AS n FROM accumulators c JOIN (
                    SELECT psn_no, insutype, benefit_year_start, SUM(inscp_scp_amt_fen) AS inscp, SUM(hifp_pay_fen) AS hifp,
                           SUM(hifmi_pay_fen) AS hifmi, SUM(hifob_pay_fen) AS hifob, SUM(cvlserv_pay_fen) AS cvlserv,
                           SUM(hifes_pay_fen) AS hifes, SUM(maf_pay_fen) AS maf, SUM(oth_pay_fen) AS oth
                    FROM settlements GROUP BY psn_no, insutype, benefit_year_start) s
                  ON s.psn_no = c.psn_no AND s.insutype = c.insutype AND s.benefit_year_start = c.year_start
                WHERE c.inscp_cumulative_fen > s.inscp OR c.hifp_paid_fen <> s.hifp OR c.hifmi_paid_fen <> s.hifmi
                   OR c.hifob_paid_fen <> s.hifob OR c.cvlserv_paid_fen <> s.cvlserv OR c.hifes_paid_fen <> s.hifes
                   OR c.maf_paid_fen <> s.maf OR c.oth_paid_fen <> s.oth
                """,
                "SELECT COUNT(*) AS n FROM fee_details WHERE setl_id IS NULL",
                "SELECT COUNT(*) AS n FROM person_accounts WHERE first_level_fen < 0 OR second_level_fen < 0",
            ]
            for (i, query) in violations.enumerated() {
                #expect(try await Self.number(db, query) == 0, "violation query \(i)")
            }
            #expect(try await Self.number(db, "SELECT COUNT(*) AS n FROM accumulators WHERE inscp_cumulative_fen > 0") > 0)
            #expect(try await Self.number(db, "SELECT COUNT(*) AS n FROM settlement_lines")
                    == Self.number(db, "SELECT COUNT(*) AS n FROM fee_details"))
            #expect(try await Self.number(db, "SELECT CAST(SUM(fund_pay_sumamt_fen) AS BIGINT) AS n FROM settlements")
                    == Int(first.fundPay.fen + rest.fundPay.fen))
            #expect(first.fundPay + rest.fundPay > .zero && first.accountPay + rest.accountPay > .zero)

            // The same stream again writes nothing; another one is refused.
            let again = try await writer.write(region: "329800", providers: Self.providers, encounters: 400, seed: 11, month: "2026-11",
                                               by: Self.actor)
            #expect(!again.generated && again.bills == 0)
            await #expect(throws: DomainError.self) {
                try await writer.write(region: "329800", providers: Self.providers, encounters: 500, seed: 11, month: "2026-11", by: Self.actor)
            }
        }
    }

    static func number(_ db: any Database, _ query: String) async throws -> Int {
        try await db.read { sql in try await sql.raw(SQLQueryString(query)).first()?.decode(column: "n", as: Int?.self) ?? 0 }
    }

    static func figures(_ db: any Database, _ query: String) async throws -> [String: Int64] {
        try await db.read { sql in
            Dictionary(try await sql.raw(SQLQueryString(query)).all().map {
                (try $0.decode(column: "k", as: String.self), try $0.decode(column: "n", as: Int64.self))
            }, uniquingKeysWith: +)
        }
    }
}
