import Foundation
import SQLKit
import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// Statement import: a line-by-line error report, nothing imported from a file with errors unless
/// skipInvalid, unmatched lines listed, re-import a no-op.
@Suite struct PaymentImportTests {
    static let actor = AuditActor(name: "test", role: "collection_clerk", region: "350200")

    /// 李娜 owes August and September (1,000.00 each). Line 2 pays 1,500.00 (August cleared, 500.00 of
    /// September); line 3 comes from an unregistered person (100.00 unmatched); line 4 has three errors.
    @Test(arguments: TestBackend.all)
    func importReportsErrorsAndUnmatchedLines(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await DemoData.load(into: db, bcryptCost: 4, logger: TestBackend.logger)
            let person = try await SettlementStoreTests.person(db, "李娜")
            for (month, due) in [("2026-08", "2026-09-15"), ("2026-09", "2026-10-15")] {
                _ = try await db.write { sql in
                    try await ContributionBillRepository.insert(
                        ContributionBill(admdvs: "350200", employerID: 0, psnNo: person.psnNo, month: month, employerShare: Money(yuan: 800),
                                         individualShare: Money(yuan: 200), dueDate: try LocalDate.parse(due)), in: sql)
                }
            }
            let stranger = try IdentityNumber.make(region: RegionCode.parse("350200"), birthDate: LocalDate(year: 1970, month: 1, day: 1)!,
                                                   sequence: 999, sex: .male).value
            let csv = """
                payer,amount,paid_on,reference
                \(person.certno),1500.00,2026-10-20,B1
                \(stranger),100.00,2026-10-20,B2
                bad,abc,2026-13-01,B3
                """
            let refused = try await PaymentStatementImport.run(csv, statement: "BANK-1", region: "350200", skipInvalid: false,
                                                               by: Self.actor, database: db)
            #expect(refused.imported == 0)
            #expect(refused.errors.map(\.line) == [4, 4, 4])
            #expect(refused.errors.map(\.field) == ["payer", "amount", "paid_on"])
            let open = try await db.read { sql in
                try await ContributionBillRepository.bills(admdvs: "350200", psnNo: person.psnNo, openOnly: true, in: sql)
            }
            #expect(open.map(\.paid) == [.zero, .zero])

            let report = try await PaymentStatementImport.run(csv, statement: "BANK-1", region: "350200", skipInvalid: true,
                                                              by: Self.actor, database: db)
            #expect(report.imported == 2)
            #expect(report.allocated == Money(yuan: 1500))
            #expect(report.unmatched.map(\.line) == [3])
            #expect(report.unmatched.map(\.payer) == [stranger])
            #expect(report.unmatched.map(\.amount) == [Money(yuan: 100)])
            let after = try await db.read { sql in
                try await ContributionBillRepository.bills(admdvs: "350200", psnNo: person.psnNo, openOnly: false, in: sql)
            }
            #expect(after.map(\.outstanding) == [.zero, Money(yuan: 500)])

            let again = try await PaymentStatementImport.run(csv, statement: "BANK-1", region: "350200", skipInvalid: true,
                                                             by: Self.actor, database: db)
            #expect(again.imported == 0)
            #expect(again.alreadyImported == 2)
        }
    }
}
