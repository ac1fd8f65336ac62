import Foundation
import SQLKit
import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// Back-payments (补缴) of missed months in the municipal employee scheme (004 L11/L13: 9% + 2% on the
/// locked base, flexible workers 11% alone; floor 60% of W/12 = 4,000.00 with W 2025 = 80,000): billed as the
/// monthly run would have billed them, no subsidy, under maker-checker, cleared by statement import, counted
/// as contribution months only once paid, with the late fee the policy's `back_payment_due` gives.
@Suite struct EmployeeBackPaymentTests {
    static let region = "329900"
    static let maker = AuditActor(name: "m-collect", role: "collection_clerk", region: region)
    static let checker = AuditActor(name: "m-admin", role: "administrator", region: region)
    static let today = LocalDate(year: 2025, month: 9, day: 10)!
    static func day(_ text: String) -> LocalDate { try! LocalDate.parse(text) }

    static func request(_ db: any Database, _ psnNo: Int64, _ months: [String], by actor: AuditActor = maker) async throws
        -> BackPaymentRepository.Record {
        try await db.write { sql in
            try await BackPaymentRepository.request(admdvs: region, psnNo: psnNo, months: months, reason: "漏缴补缴", on: today, by: actor, in: sql)
        }
    }

    static func decide(_ db: any Database, _ id: Int64, on date: String, by actor: AuditActor = checker) async throws -> BackPaymentRepository.Record {
        try await db.write { sql in
            try await BackPaymentRepository.decide(admdvs: region, id: id, approve: true, note: "核实", on: day(date), by: actor, in: sql)
        }
    }

    static func refusal(_ db: any Database, _ psnNo: Int64, _ months: [String]) async throws -> DomainError? {
        try await PaymentRefundTests.refusal { _ = try await Self.request(db, psnNo, months) }
    }

    static func bills(_ db: any Database, _ psnNo: Int64) async throws -> [ContributionBill] {
        try await db.read { sql in try await ContributionBillRepository.bills(admdvs: region, psnNo: psnNo, openOnly: false, in: sql) }
    }

    static func paidMonths(_ db: any Database, _ psnNo: Int64) async throws -> [String] {
        try await db.read { sql in try await ContributionMonths.paid(admdvs: region, psnNo: psnNo, in: sql) }
    }

    static func pay(_ db: any Database, _ payer: String, _ amount: String, on date: String, statement: String) async throws {
        let report = try await PaymentStatementImport.run("payer,amount,paid_on\n\(payer),\(amount),\(date)\n", statement: statement, region: region,
                                                          skipInvalid: false, by: maker, database: db)
        #expect(report.errors.isEmpty)
    }

    /// An employee enrolled on 2025-01-01 and on the employer's roster from January, base 6,000.00 for 2025:
    /// each month 9% = 540.00 + 2% = 120.00 = 660.00. January–March are billed by the run and paid on
    /// 2025-04-10. Contributions stop on 2025-04-01 (interrupted), April–June are never billed. On 2025-09-10
    /// the clerk asks to back-pay April–June: 3 × 660.00 = 1,980.00, due on each month's own due date
    /// (`employer: month_due`). Refused: March (billed and paid), September (not due until 2025-10-15),
    /// October (to come), December 2024 (before the enrolment), May twice. The clerk cannot approve it; the
    /// administrator does on 2025-09-12 and the three bills appear, due 2025-05-15, 06-15 and 07-15. On
    /// 2025-09-15 the employer owes 1,980.00 and, from the first day of the month after each due date at
    /// 0.05%: 107 × 660 + 77 × 660 + 46 × 660 = 151,800 yuan-days → 75.90. The months count toward the
    /// contribution years only once the employer's 2,000.00 of 2025-09-20 clears them; the resumption of
    /// 2025-09-25 takes that day as the day the gap was paid.
    @Test(arguments: TestBackend.all)
    func anEmployeesMissedMonthsAreBilledToTheEmployerAndCountOnlyOncePaid(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await DemoData.load(into: db, bcryptCost: 4, logger: TestBackend.logger)
            let region = Self.region
            let employerID = try await BillingRunTests.employer(db, region: region, organisation: "MA1BPM001")
            let employer = try #require(try await db.read { sql in try await EmployerRepository.find(admdvs: region, id: employerID, in: sql) })
            let psnNo = try await BillingRunTests.person(db, region: region, category: .employee, sequence: 312, enrolOn: Self.day("2025-01-01"))
            let policy = try #require(try await PolicyRepository(database: db).inForce(region: region, insutype: "310", on: Self.day("2025-01-01"))?
                .section(ContributionPolicy.self))
            try await db.write { sql in
                try await EmployerRepository.change(.hire, employerID: employerID, psnNo: psnNo, month: "2025-01", admdvs: region, by: Self.maker, in: sql)
                try await ContributionBaseRepository.declare(admdvs: region, employerID: employerID, psnNo: psnNo, year: 2025, declared: Money(yuan: 6000),
                                                             averageWage: Money(yuan: 80000), policy: policy, by: Self.maker, in: sql)
            }
            for month in ["2025-01", "2025-02", "2025-03"] {
                _ = try await BillingRun(database: db).run(region: region, month: month, by: Self.maker)
            }
            try await Self.pay(db, employer.creditCode, "1980.00", on: "2025-04-10", statement: "BANK-1")
            #expect(try await Self.paidMonths(db, psnNo) == ["2025-01", "2025-02", "2025-03"])
            _ = try await db.write { sql in
                try await EnrolmentRepository.append(.interrupted(on: Self.day("2025-04-01")), admdvs: region, psnNo: psnNo, by: Self.maker, in: sql)
            }

            for (months, index, code) in [(["2025-04", "2025-03"], 1, "BACK_PAYMENT_MONTH_PAID"), (["2025-09"], 0, "BACK_PAYMENT_NOT_DUE"),
                                          (["2025-10"], 0, "BACK_PAYMENT_FUTURE_MONTH"), (["2024-12"], 0, "BACK_PAYMENT_BEFORE_ENROLMENT"),
                                          (["2025-04", "2025-4"], 1, "MONTH_FORMAT"), (["2025-05", "2025-05"], 1, "BACK_PAYMENT_MONTH_REPEATED"),
                                          ([], -1, "BACK_PAYMENT_MONTHS_REQUIRED")] {
                let refused = try await Self.refusal(db, psnNo, months)
                #expect(refused?.code == code, "\(months)")
                #expect(refused?.path == (index < 0 ? "months" : "months[\(index)]"), "\(months)")
            }
            let notDue = try await Self.refusal(db, psnNo, ["2025-09"])
            #expect(notDue?.message == "2025-09 的缴费尚未到期（缴费截止日 2025-10-15），应按月正常缴费，不属补缴")
            #expect(try await Self.refusal(db, psnNo, ["2024-12"])?.message == "2024-12 在职工医保参保登记（2025-01-01）之前，不能补缴")

            let request = try await Self.request(db, psnNo, ["2025-06", "2025-04", "2025-05"])
            #expect(request.backPayment.months.map(\.month.description) == ["2025-04", "2025-05", "2025-06"])
            #expect(request.backPayment.months.allSatisfy {
                $0.employerID == employerID && $0.base == Money(yuan: 6000) && $0.employerShare == Money(yuan: 540)
                    && $0.individualShare == Money(yuan: 120) && $0.due == .monthDue
            })
            #expect(request.backPayment.total == Money(yuan: 1980))
            #expect(try await Self.bills(db, psnNo).count == 3, "nothing billed before the approval")
            #expect(try await Self.refusal(db, psnNo, ["2025-05"])?.code == "BACK_PAYMENT_DUPLICATE")
            let own = try await PaymentRefundTests.refusal { _ = try await Self.decide(db, request.id, on: "2025-09-12", by: Self.maker) }
            #expect(own?.code == "BACK_PAYMENT_SELF_APPROVAL")

            let approved = try await Self.decide(db, request.id, on: "2025-09-12")
            #expect(approved.backPayment.approval.status == .approved)
            let backPaid = try await Self.bills(db, psnNo).filter { $0.month >= "2025-04" }
            #expect(backPaid.map(\.month) == ["2025-04", "2025-05", "2025-06"])
            #expect(backPaid.map(\.dueDate) == [Self.day("2025-05-15"), Self.day("2025-06-15"), Self.day("2025-07-15")])
            #expect(backPaid.allSatisfy { $0.employerID == employerID && $0.employerShare == Money(yuan: 540) && $0.individualShare == Money(yuan: 120) })
            let debts = try await db.read { sql in
                try await ArrearsRepository.debts(admdvs: region, psnNo: nil, employerID: employerID, on: Self.day("2025-09-15"), in: sql)
            }
            let rule = try #require(policy.lateFees)
            #expect(debts.map(\.month) == ["2025-04", "2025-05", "2025-06"])
            #expect(debts.map { $0.arrear.lateFee(asOf: Self.day("2025-09-15"), rule: rule) } == [Money(fen: 3531), Money(fen: 2541), Money(fen: 1518)])
            #expect(try await Self.paidMonths(db, psnNo) == ["2025-01", "2025-02", "2025-03"], "approved is not paid")

            // Resuming before the back-payment is paid cannot claim the gap was paid.
            let unpaid = try await PaymentRefundTests.refusal {
                _ = try await db.write { sql in
                    try await Resumption.record(admdvs: region, psnNo: psnNo, on: Self.day("2025-09-16"), gapPaidOn: Self.day("2025-09-16"),
                                                by: Self.maker, in: sql)
                }
            }
            #expect(unpaid?.code == "BACK_PAYMENT_UNPAID")
            #expect(unpaid?.message == "2025-04 的补缴尚欠 660.00 元，不能登记为已补缴")
            try await Self.pay(db, employer.creditCode, "2000.00", on: "2025-09-20", statement: "BANK-2")
            #expect(try await Self.paidMonths(db, psnNo) == ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"])
            let history = try await db.write { sql in
                try await Resumption.record(admdvs: region, psnNo: psnNo, on: Self.day("2025-09-25"), gapPaidOn: nil, by: Self.maker, in: sql)
            }
            #expect(history.events.last == .resumed(on: Self.day("2025-09-25"), gapPaidOn: Self.day("2025-09-20")))
            // The monthly run later finds the months billed: it bills nothing twice.
            let run = try await BillingRun(database: db).run(region: region, month: "2025-05", by: Self.maker)
            #expect(run.billed == 0 && run.alreadyBilled == 1)
        }
    }

    /// A flexible worker paying alone (enrolled 2025-01-01, no base declared for 2025) missed June and July:
    /// all 11% of the year's floor 4,000.00 = 440.00 a month, 880.00, billed to the person (employer 0). The
    /// preset makes a person paying alone owe no fee for the past (`alone: approval`): approved on 2025-09-12,
    /// both bills are due that day, no fee on 2025-09-30 (the fee starts on the first of next month), and
    /// 10 × 880.00 × 0.05% = 4.40 on 2025-10-10 if still unpaid. An employee on no roster cannot back-pay
    /// alone (nobody owes the employer's share), and a resident is sent to the yearly back-payment.
    @Test(arguments: TestBackend.all)
    func aFlexibleWorkerBackPaysAloneOnTheFloorWithNoFeeForThePast(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await DemoData.load(into: db, bcryptCost: 4, logger: TestBackend.logger)
            let region = Self.region
            let flexible = try await BillingRunTests.person(db, region: region, category: .flexible, sequence: 314, enrolOn: Self.day("2025-01-01"))
            let request = try await Self.request(db, flexible, ["2025-06", "2025-07"])
            #expect(request.backPayment.months.map(\.employerID) == [0, 0])
            #expect(request.backPayment.months.map(\.base) == [Money(yuan: 4000), Money(yuan: 4000)])
            #expect(request.backPayment.months.map(\.employerShare) == [.zero, .zero])
            #expect(request.backPayment.months.map(\.individualShare) == [Money(yuan: 440), Money(yuan: 440)])
            #expect(request.backPayment.months.map(\.due) == [.approval, .approval])
            #expect(request.backPayment.total == Money(yuan: 880))
            _ = try await Self.decide(db, request.id, on: "2025-09-12")
            let bills = try await Self.bills(db, flexible)
            #expect(bills.map(\.dueDate) == [Self.day("2025-09-12"), Self.day("2025-09-12")])
            #expect(bills.map(\.employerID) == [0, 0])
            let rule = try #require(try await PolicyRepository(database: db).inForce(region: region, insutype: "310", on: Self.day("2025-06-01"))?
                .section(ContributionPolicy.self)?.lateFees)
            let debts = try await db.read { sql in try await ArrearsRepository.arrears(admdvs: region, psnNo: flexible, on: Self.day("2025-10-10"), in: sql) }
            #expect(debts.lateFees(asOf: Self.day("2025-09-30"), rule: rule) == .zero)
            #expect(debts.lateFees(asOf: Self.day("2025-10-10"), rule: rule) == Money(fen: 440))

            let employee = try await BillingRunTests.person(db, region: region, category: .employee, sequence: 316, enrolOn: Self.day("2025-01-01"))
            let alone = try await Self.refusal(db, employee, ["2025-05"])
            #expect(alone?.code == "BACK_PAYMENT_NO_EMPLOYER" && alone?.path == "months[0]")
            #expect(alone?.messageEn.contains("nobody owes the employer's share") == true)
            let resident = try await ResidentBillingRunTests.register(db, [
                (PersonRegistration(certno: ResidentBillingRunTests.certno("1980-03-03", 65), name: "居民", category: .residentAdult), .head),
            ], on: Self.day("2025-02-01"))[0]
            let scheme = try await PaymentRefundTests.refusal {
                _ = try await db.write { sql in
                    try await BackPaymentRepository.request(admdvs: "210500", psnNo: resident.psnNo, months: ["2025-03"], reason: "x", on: Self.today,
                                                            by: Self.maker, in: sql)
                }
            }
            #expect(scheme?.code == "BACK_PAYMENT_SCHEME" && scheme?.path == "months")
        }
    }
}
