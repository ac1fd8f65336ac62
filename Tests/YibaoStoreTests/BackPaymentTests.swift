import Foundation
import SQLKit
import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// Back-payments (补缴) of missed resident years in Benxi: the whole premium without subsidy (R19),
/// asked for by one user and approved by another, and benefits resuming three months after the
/// back-payment is paid (R23).
@Suite struct BackPaymentTests {
    static let maker = AuditActor(name: "benxi-collect", role: "collection_clerk", region: "210500")
    static let checker = ResidentBillingRunTests.actor
    static let today = LocalDate(year: 2026, month: 5, day: 5)!
    static func day(_ text: String) -> LocalDate { ResidentBillingRunTests.day(text) }

    static func request(_ db: any Database, _ psnNo: Int64, _ years: [Int], by actor: AuditActor = maker) async throws -> BackPaymentRepository.Record {
        try await db.write { sql in
            try await BackPaymentRepository.request(admdvs: "210500", psnNo: psnNo, years: years, reason: "中断后补缴", on: today, by: actor, in: sql)
        }
    }

    static func decide(_ db: any Database, _ id: Int64, approve: Bool, note: String = "", by actor: AuditActor = checker) async throws
        -> BackPaymentRepository.Record {
        try await db.write { sql in
            try await BackPaymentRepository.decide(admdvs: "210500", id: id, approve: approve, note: note, on: today, by: actor, in: sql)
        }
    }

    static func coverage(_ db: any Database, _ person: PersonRecord, _ date: String) async throws -> CoverageAnswer.Status {
        let policy = try #require(try await PolicyRepository(database: db).inForce(region: "210500", insutype: "390", on: day(date))?
            .section(ContributionPolicy.self))
        return try await db.read { sql in try await CoverageQuery.answer(for: person, on: day(date), policy: policy, in: sql) }.status
    }

    /// An adult (born 1980) enrols on 2025-02-01 and is never billed for 2025; 2026 is billed by the annual
    /// run at 255.00 (subsidy 40.00) and not paid; contributions stop from 2026-01-01 (interrupted). On
    /// 2026-05-05 the clerk asks to back-pay 2025 and 2026: 2 × 295.00 = 590.00, no subsidy (2027 is not
    /// due yet: refused). The clerk cannot approve her own request; the administrator approves: 2026's bill
    /// becomes 295.00 (due date kept) with subsidy 0, and 2025 gets a 295.00 bill due on the enrolment day.
    /// 590.00 paid on 2026-05-10 clears both; resuming on 2026-05-12 records the gap paid on 2026-05-10,
    /// so benefits wait until 2026-08-01 (3 months, May counted as the first).
    @Test(arguments: TestBackend.all)
    func missedYearsAreBilledWholeAfterApprovalAndBenefitsResumeThreeMonthsAfterPayment(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await DemoData.load(into: db, bcryptCost: 4, logger: TestBackend.logger)
            let certno = ResidentBillingRunTests.certno("1980-03-03", 61)
            let person = try await ResidentBillingRunTests.register(db, [
                (PersonRegistration(certno: certno, name: "补缴人", category: .residentAdult), .head),
            ], on: Self.day("2025-02-01"))[0]
            _ = try await ResidentBillingRun(database: db).run(region: "210500", year: 2026, by: Self.checker)
            _ = try await db.write { sql in
                try await EnrolmentRepository.append(.interrupted(on: Self.day("2026-01-01")), admdvs: "210500", psnNo: person.psnNo,
                                                     by: Self.maker, in: sql)
            }
            #expect(try await Self.coverage(db, person, "2026-02-01") == .interrupted(since: Self.day("2026-01-01")))

            let notDue = try await PaymentRefundTests.refusal { _ = try await Self.request(db, person.psnNo, [2026, 2025, 2027]) }
            #expect(notDue?.code == "BACK_PAYMENT_NOT_DUE")
            #expect(notDue?.path == "years[2]")
            let request = try await Self.request(db, person.psnNo, [2026, 2025])
            #expect(request.backPayment.years.map(\.year) == [2025, 2026])
            #expect(request.backPayment.years.map(\.amount) == [Money(yuan: 295), Money(yuan: 295)])
            #expect(request.backPayment.total == Money(yuan: 590))
            #expect(request.backPayment.approval.status == .requested)
            let twice = try await PaymentRefundTests.refusal { _ = try await Self.request(db, person.psnNo, [2025]) }
            #expect(twice?.code == "BACK_PAYMENT_DUPLICATE")
            let own = try await PaymentRefundTests.refusal { _ = try await Self.decide(db, request.id, approve: true, by: Self.maker) }
            #expect(own?.code == "BACK_PAYMENT_SELF_APPROVAL")
            #expect(own?.kind == .forbidden)

            // Approved: nothing is paid yet, so a resumption cannot claim the gap was paid.
            let approved = try await Self.decide(db, request.id, approve: true, note: "核实中断期间")
            #expect(approved.backPayment.approval.decidedBy == Self.checker.name)
            let again = try await PaymentRefundTests.refusal { _ = try await Self.decide(db, request.id, approve: true) }
            #expect(again?.code == "BACK_PAYMENT_ALREADY_DECIDED")
            try await db.read { sql async throws in
                let bills = try await ContributionBillRepository.bills(admdvs: "210500", psnNo: person.psnNo, openOnly: true, in: sql)
                #expect(bills.map(\.month) == ["2025-01", "2026-01"])
                #expect(bills.map(\.individualShare) == [Money(yuan: 295), Money(yuan: 295)])
                #expect(bills.map(\.dueDate) == [Self.day("2025-02-01"), Self.day("2025-12-31")])
                for year in [2025, 2026] {
                    let premium = try #require(try await ResidentBillingRun.premiums(region: "210500", year: year, in: sql)[person.psnNo])
                    #expect([premium.premium.personal, premium.premium.subsidy, premium.premium.citySubsidy] == [Money(yuan: 295), .zero, .zero])
                    #expect(premium.backPaymentID == request.id)
                }
                let actions = try await AuditTrail.recent(region: "210500", limit: 20, in: sql).map { "\($0.actor) \($0.action)" }
                #expect(actions.contains("benxi-collect contribution.back_payment.request"))
                #expect(actions.contains("benxi-admin contribution.back_payment.approve"))
            }
            let unpaid = try await PaymentRefundTests.refusal {
                _ = try await db.write { sql in
                    try await Resumption.record(admdvs: "210500", psnNo: person.psnNo, on: Self.day("2026-05-06"), gapPaidOn: Self.day("2026-05-06"),
                                                by: Self.maker, in: sql)
                }
            }
            #expect(unpaid?.code == "BACK_PAYMENT_UNPAID")

            let csv = "payer,amount,paid_on\n\(certno),590.00,2026-05-10\n"
            let report = try await PaymentStatementImport.run(csv, statement: "BX-5", region: "210500", skipInvalid: false, by: Self.maker, database: db)
            #expect(report.allocated == Money(yuan: 590))
            let mismatch = try await PaymentRefundTests.refusal {
                _ = try await db.write { sql in
                    try await Resumption.record(admdvs: "210500", psnNo: person.psnNo, on: Self.day("2026-05-12"), gapPaidOn: Self.day("2026-05-11"),
                                                by: Self.maker, in: sql)
                }
            }
            #expect(mismatch?.code == "GAP_PAID_ON_MISMATCH")
            let history = try await db.write { sql in
                try await Resumption.record(admdvs: "210500", psnNo: person.psnNo, on: Self.day("2026-05-12"), gapPaidOn: nil, by: Self.maker, in: sql)
            }
            #expect(history.events.last == .resumed(on: Self.day("2026-05-12"), gapPaidOn: Self.day("2026-05-10")))
            // Costs during the gap stay unpaid; from the payment, three months (R23).
            #expect(try await Self.coverage(db, person, "2026-03-01") == .interrupted(since: Self.day("2026-01-01")))
            #expect(try await Self.coverage(db, person, "2026-07-31") == .waitingPeriod(until: Self.day("2026-08-01"), accountOnly: false))
            #expect(try await Self.coverage(db, person, "2026-08-01") == .covered)
        }
    }

    /// A rejection needs a note, bills nothing and frees the years for a new request; a paid year cannot
    /// be back-paid; an employee cannot be back-paid by resident years.
    @Test(arguments: TestBackend.all)
    func rejectionBillsNothingAndPaidYearsAreRefused(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await DemoData.load(into: db, bcryptCost: 4, logger: TestBackend.logger)
            let certno = ResidentBillingRunTests.certno("1950-04-04", 63)
            let person = try await ResidentBillingRunTests.register(db, [
                (PersonRegistration(certno: certno, name: "老年补缴", category: .residentElderly), .head),
            ], on: Self.day("2025-03-01"))[0]
            _ = try await ResidentBillingRun(database: db).run(region: "210500", year: 2026, by: Self.checker)
            let csv = "payer,amount,paid_on\n\(certno),195.00,2025-12-20\n"
            _ = try await PaymentStatementImport.run(csv, statement: "BX-6", region: "210500", skipInvalid: false, by: Self.maker, database: db)
            let paid = try await PaymentRefundTests.refusal { _ = try await Self.request(db, person.psnNo, [2026]) }
            #expect(paid?.code == "BACK_PAYMENT_YEAR_PAID")
            #expect(paid?.path == "years[0]")
            let employee = try await SettlementStoreTests.person(db, "李娜")
            let scheme = try await PaymentRefundTests.refusal {
                _ = try await db.write { sql in
                    try await BackPaymentRepository.request(admdvs: "350200", psnNo: employee.psnNo, years: [2025], reason: "x", on: Self.today,
                                                            by: Self.maker, in: sql)
                }
            }
            #expect(scheme?.code == "BACK_PAYMENT_SCHEME")

            // 2025 (joined 2025-03-01, elderly, never billed): 295.00 asked for, rejected, asked for again.
            let first = try await Self.request(db, person.psnNo, [2025])
            #expect(first.backPayment.total == Money(yuan: 295))
            let silent = try await PaymentRefundTests.refusal { _ = try await Self.decide(db, first.id, approve: false) }
            #expect(silent?.code == "BACK_PAYMENT_NOTE_REQUIRED")
            let rejected = try await Self.decide(db, first.id, approve: false, note: "2025 年已在外地参保")
            #expect(rejected.backPayment.approval.status == .rejected)
            try await db.read { sql async throws in
                #expect(try await ResidentBillingRun.premiums(region: "210500", year: 2025, in: sql)[person.psnNo] == nil)
                #expect(try await BackPaymentRepository.list(admdvs: "210500", status: .rejected, in: sql).map(\.id) == [first.id])
            }
            #expect(try await Self.request(db, person.psnNo, [2025]).backPayment.approval.status == .requested)
        }
    }
}
