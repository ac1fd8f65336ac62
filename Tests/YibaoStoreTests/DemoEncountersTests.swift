import Logging
import SQLKit
import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// `yibao serve --demo` settles a stream of encounters for its generated population, so the console
/// has a settlement history; the named demo persons, whose figures the guide quotes, are left as loaded.
@Suite struct DemoEncountersTests {
    typealias Books = SyntheticEncounterWriterTests

    @Test(arguments: TestBackend.all)
    func demoHistoryLeavesTheNamedPersonsAsLoaded(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let logger = Logger(label: "test")
            try await DemoData.load(into: db, logger: logger)
            try await DemoData.loadPopulation(into: db, logger: logger)
            let summary = try await DemoData.loadEncounters(into: db, count: 150, logger: logger)
            #expect(summary.bills == 150 && summary.settled + summary.refused.values.reduce(0, +) == 150)
            #expect(summary.settled >= 120 && summary.medfee == summary.fundPay + summary.accountPay + summary.cash)
            #expect(summary.fundPay > .zero && summary.accountPay > .zero)
            #expect(try await Books.number(db, "SELECT COUNT(*) AS n FROM settlements WHERE admdvs = '350200'") == summary.settled)
            #expect(try await Books.number(db, """
                SELECT COUNT(*) AS n FROM settlements WHERE medfee_sumamt_fen <> fund_pay_sumamt_fen + acct_pay_fen + psn_cash_pay_fen
                """) == 0)

            // None of the named persons was drawn: no settlement, balances as loaded (张伟 3,000.00, 李娜 1,200.00).
            let named = ["张伟", "李娜", "王建国", "陈小红", "林志强"].compactMap(DemoData.insuredCertno)
            #expect(named.count == 5)
            let list = named.map { "'\($0)'" }.joined(separator: ", ")
            #expect(try await Books.number(db, """
                SELECT COUNT(*) AS n FROM settlements s JOIN persons p ON p.psn_no = s.psn_no WHERE p.certno IN (\(list))
                """) == 0)
            let balances = try await Books.figures(db, """
                SELECT p.name AS k, a.first_level_fen AS n FROM person_accounts a JOIN persons p ON p.psn_no = a.psn_no WHERE p.certno IN (\(list))
                """)
            #expect(balances["张伟"] == 300_000 && balances["李娜"] == 120_000)

            // A second start settles nothing more.
            let again = try await DemoData.loadEncounters(into: db, count: 150, logger: logger)
            #expect(!again.generated && again.bills == 0)
            #expect(try await Books.number(db, "SELECT COUNT(*) AS n FROM settlements WHERE admdvs = '350200'") == summary.settled)
        }
    }
}
