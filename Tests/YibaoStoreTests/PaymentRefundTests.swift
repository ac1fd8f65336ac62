import Foundation
import SQLKit
import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// Refunds of duplicate payments under maker-checker: the maker never decides their own request, a
/// decided request is never decided again, only an approval moves money, and it moves it as a balanced
/// entry together with the payment's unallocated amount.
@Suite struct PaymentRefundTests {
    static let maker = AuditActor(name: "collect", role: "collection_clerk", region: "350200")
    static let checker = AuditActor(name: "admin", role: "administrator", region: "350200")

    /// 李娜 owes August 2026 (800.00 + 200.00 = 1,000.00) and her bank sends 1,000.00 twice: line 2
    /// clears the bill, line 3 is a duplicate with 1,000.00 unallocated. Returns line 3's payment id.
    static func duplicatePayment(_ db: any Database) async throws -> (payment: Int64, certno: String) {
        try await DemoData.load(into: db, bcryptCost: 4, logger: TestBackend.logger)
        let person = try await SettlementStoreTests.person(db, "李娜")
        _ = try await db.write { sql in
            try await ContributionBillRepository.insert(
                ContributionBill(admdvs: "350200", employerID: 0, psnNo: person.psnNo, month: "2026-08", employerShare: Money(yuan: 800),
                                 individualShare: Money(yuan: 200), dueDate: LocalDate(year: 2026, month: 9, day: 15)!), in: sql)
        }
        let csv = """
            payer,amount,paid_on,reference
            \(person.certno),1000.00,2026-09-10,B1
            \(person.certno),1000.00,2026-09-10,B1-again
            """
        let report = try await PaymentStatementImport.run(csv, statement: "BANK-9", region: "350200", skipInvalid: false, by: maker, database: db)
        #expect(report.unmatched.map(\.amount) == [Money(yuan: 1000)])
        let open = try await db.read { sql in try await ReceivedPayment.unallocated(admdvs: "350200", in: sql) }
        #expect(open.map(\.lineNo) == [3])
        return (open[0].id, person.certno)
    }

    static func request(_ db: any Database, _ payment: Int64, _ amount: Money?, _ reason: String) async throws -> PaymentRefundRepository.Record {
        try await db.write { sql in
            try await PaymentRefundRepository.request(admdvs: "350200", paymentID: payment, amount: amount, reason: reason, by: maker, in: sql)
        }
    }

    static func decide(_ db: any Database, _ id: Int64, approve: Bool, note: String = "",
                       by checker: AuditActor = checker) async throws -> PaymentRefundRepository.Record {
        try await db.write { sql in
            try await PaymentRefundRepository.decide(admdvs: "350200", id: id, approve: approve, note: note, by: checker, in: sql)
        }
    }

    /// The domain refusal `body` ends with (nil when it succeeds); any other error fails the test.
    static func refusal(_ body: @Sendable () async throws -> Void) async throws -> DomainError? {
        do { try await body() } catch let error as DomainError { return error }
        return nil
    }

    @Test(arguments: TestBackend.all)
    func approvalByAnotherUserMovesTheMoneyOnce(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let (payment, certno) = try await Self.duplicatePayment(db)
            let request = try await Self.request(db, payment, nil, "重复缴费")
            #expect(request.refund.amount == Money(yuan: 1000))
            #expect(request.refund.status == .requested)
            // The whole 1,000.00 is promised to the pending request: not one fen more can be asked for.
            let second = try await Self.refusal { _ = try await Self.request(db, payment, Money(fen: 1), "再退") }
            #expect(second?.code == "REFUND_EXCEEDS_UNALLOCATED")
            let own = try await Self.refusal { _ = try await Self.decide(db, request.id, approve: true, note: "", by: Self.maker) }
            #expect(own?.code == "REFUND_SELF_APPROVAL")
            #expect(own?.kind == .forbidden)

            let approved = try await Self.decide(db, request.id, approve: true, note: "核实无误")
            #expect(approved.refund.status == .approved)
            #expect(approved.refund.decidedBy == "admin")
            let twice = try await Self.refusal { _ = try await Self.decide(db, request.id, approve: true, note: "") }
            #expect(twice?.code == "REFUND_ALREADY_DECIDED")

            try await db.read { sql async throws in
                let left = try await ReceivedPayment.find(admdvs: "350200", id: payment, lock: false, in: sql)
                #expect(left?.unallocated == .zero)
                // payment:<id> gave 1,000.00, refund_payable:<payer> received it; every movement sums to zero.
                #expect(try await PaymentRefundRepository.ledgerBalance(admdvs: "350200", account: "payment:\(payment)", in: sql)
                        == Money(yuan: -1000))
                #expect(try await PaymentRefundRepository.ledgerBalance(admdvs: "350200", account: "refund_payable:\(certno)", in: sql)
                        == Money(yuan: 1000))
                let unbalanced = try await sql.raw("""
                    SELECT movement_id FROM collection_ledger GROUP BY movement_id HAVING SUM(amount_fen) <> 0
                    """).all()
                #expect(unbalanced.isEmpty)
                let actions = try await AuditTrail.recent(region: "350200", limit: 10, in: sql).map { "\($0.actor) \($0.action)" }
                #expect(actions.contains("collect payment.refund.request"))
                #expect(actions.contains("admin payment.refund.approve"))
                #expect(!actions.contains("collect payment.refund.approve"))
            }
        }
    }

    /// A partial request of 300.00 rejected (a note is required) moves nothing and frees the 300.00:
    /// a new request for the full 1,000.00 is then accepted.
    @Test(arguments: TestBackend.all)
    func rejectionMovesNothingAndNeedsANote(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let (payment, _) = try await Self.duplicatePayment(db)
            let request = try await Self.request(db, payment, Money(yuan: 300), "多缴")
            let silent = try await Self.refusal { _ = try await Self.decide(db, request.id, approve: false, note: " ") }
            #expect(silent?.code == "REFUND_NOTE_REQUIRED")
            let rejected = try await Self.decide(db, request.id, approve: false, note: "应抵下月缴费")
            #expect(rejected.refund.status == .rejected)
            #expect(rejected.refund.decisionNote == "应抵下月缴费")
            let again = try await Self.request(db, payment, nil, "重复缴费")
            #expect(again.refund.amount == Money(yuan: 1000))
            try await db.read { sql async throws in
                #expect(try await ReceivedPayment.find(admdvs: "350200", id: payment, lock: false, in: sql)?.unallocated == Money(yuan: 1000))
                #expect(try await sql.raw("SELECT entry_id FROM collection_ledger").all().isEmpty)
                #expect(try await PaymentRefundRepository.list(admdvs: "350200", status: .requested, in: sql).map(\.id) == [again.id])
            }
        }
    }

    /// Two checkers approve the same request at once: exactly one succeeds, the money moves once.
    @Test(arguments: TestBackend.all)
    func concurrentApprovalsMoveTheMoneyOnce(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let (payment, _) = try await Self.duplicatePayment(db)
            let request = try await Self.request(db, payment, nil, "重复缴费")
            let checkers = ["admin", "fund-1", "fund-2", "fund-3"].map { AuditActor(name: $0, role: "administrator", region: "350200") }
            let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                for checker in checkers {
                    group.addTask {
                        let error = try await Self.refusal { _ = try await Self.decide(db, request.id, approve: true, note: "", by: checker) }
                        return error?.code ?? "ok"
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }.sorted()
            }
            #expect(outcomes == ["REFUND_ALREADY_DECIDED", "REFUND_ALREADY_DECIDED", "REFUND_ALREADY_DECIDED", "ok"])
            try await db.read { sql async throws in
                #expect(try await PaymentRefundRepository.ledgerBalance(admdvs: "350200", account: "payment:\(payment)", in: sql)
                        == Money(yuan: -1000))
                #expect(try await ReceivedPayment.find(admdvs: "350200", id: payment, lock: false, in: sql)?.unallocated == .zero)
            }
        }
    }
}
