import SQLKit
import YibaoCore

/// Refunds of money no bill took (`PaymentRefund`, maker-checker) in `payment_refunds`. A request holds
/// part of the payment's unallocated amount (two requests can never promise the same money twice); an
/// approval lowers the payment's `unallocated_fen` and posts the movement to `collection_ledger` —
/// `payment:<id>` gives, `refund_payable:<payer>` receives — in the checker's one transaction. The
/// payment row is locked first by both steps, so concurrent requests and decisions queue.
public enum PaymentRefundRepository {
    public struct Record: Sendable, Equatable {
        public var admdvs: String
        public var id: Int64
        public var paymentID: Int64
        public var payer: String
        public var refund: PaymentRefund
    }

    /// Asks for a refund of `amount` (all that is refundable when nil) of payment `paymentID`.
    public static func request(admdvs: String, paymentID: Int64, amount: Money?, reason: String, by actor: AuditActor,
                               in db: any SQLDatabase) async throws -> Record {
        let payment = try await lockedPayment(admdvs: admdvs, id: paymentID, in: db)
        let pending = try await db.raw("""
            SELECT CAST(COALESCE(SUM(amount_fen), 0) AS BIGINT) AS total FROM payment_refunds
            WHERE admdvs = \(bind: admdvs) AND payment_id = \(bind: paymentID) AND status = 'requested'
            """).first()?.decode(column: "total", as: Int64.self) ?? 0
        let refundable = payment.unallocated - Money(fen: pending)
        let refund = try PaymentRefund.request(amount: amount ?? refundable, refundable: refundable, reason: reason, by: actor.name)
        let record = Record(admdvs: admdvs, id: IDGenerator.shared.next(), paymentID: paymentID, payer: payment.payer, refund: refund)
        try await db.insert(into: "payment_refunds")
            .columns("admdvs", "id", "payment_id", "amount_fen", "reason", "status", "requested_by", "requested_at")
            .values(SQLBind(admdvs), SQLBind(record.id), SQLBind(paymentID), SQLBind(refund.amount.fen), SQLBind(reason),
                    SQLBind(refund.status.rawValue), SQLBind(actor.name), SQLBind(Clock.nowMillis()))
            .run()
        try await AuditTrail.append(actor.event(action: "payment.refund.request", target: "refund:\(record.id)",
                                                after: "payment=\(paymentID) amount=\(refund.amount) reason=\(reason)"), in: db)
        return record
    }

    /// The checker approves or rejects refund `id`; an approval writes the balanced movement.
    public static func decide(admdvs: String, id: Int64, approve: Bool, note: String, by actor: AuditActor,
                              in db: any SQLDatabase) async throws -> Record {
        guard let found = try await find(admdvs: admdvs, id: id, in: db) else {
            throw DomainError(.notFound, code: "REFUND_NOT_FOUND", message: "退费申请不存在", messageEn: "no such refund request", path: "id")
        }
        let payment = try await lockedPayment(admdvs: admdvs, id: found.paymentID, in: db)
        // Re-read under the payment's lock: a decision that committed while we waited is seen here.
        let record = try await find(admdvs: admdvs, id: id, in: db) ?? found
        return try await ApprovalStore.decide(record, \.refund.approval, approve: approve, note: note, table: "payment_refunds", admdvs: admdvs,
                                              id: id, target: "refund:\(id)", action: "payment.refund",
                                              summary: "amount=\(record.refund.amount)", by: actor, in: db) { record in
            let amount = record.refund.amount
            guard amount <= payment.unallocated else {
                throw DomainError(.conflict, code: "REFUND_EXCEEDS_UNALLOCATED",
                                  message: "退费金额 \(amount) 超过该笔到账未分配金额 \(payment.unallocated)",
                                  messageEn: "the refund \(amount) exceeds the payment's unallocated \(payment.unallocated)", path: "amount")
            }
            try await db.update("payments").set("unallocated_fen", to: (payment.unallocated - amount).fen)
                .where("admdvs", .equal, admdvs).where("id", .equal, payment.id).run()
            let movement = IDGenerator.shared.next()
            var insert = db.insert(into: "collection_ledger")
                .columns("admdvs", "entry_id", "movement_id", "ledger_account", "amount_fen", "payment_id", "refund_id", "kind", "created_at")
            for (account, fen) in [("payment:\(payment.id)", -amount.fen), ("refund_payable:\(payment.payer)", amount.fen)] {
                insert = insert.values(SQLBind(admdvs), SQLBind(IDGenerator.shared.next()), SQLBind(movement), SQLBind(account), SQLBind(fen),
                                       SQLBind(payment.id), SQLBind(id), SQLBind("refund"), SQLBind(Clock.nowMillis()))
            }
            try await insert.run()
        }
    }

    public static func find(admdvs: String, id: Int64, in db: any SQLDatabase) async throws -> Record? {
        try await db.raw("\(unsafeRaw: selection) WHERE r.admdvs = \(bind: admdvs) AND r.id = \(bind: id)").first().map(Record.init(row:))
    }

    /// The region's refund requests, newest first, optionally of one status.
    public static func list(admdvs: String, status: PaymentRefund.Status?, in db: any SQLDatabase) async throws -> [Record] {
        let rows = if let status {
            try await db.raw("\(unsafeRaw: selection) WHERE r.admdvs = \(bind: admdvs) AND r.status = \(bind: status.rawValue) ORDER BY r.id DESC").all()
        } else {
            try await db.raw("\(unsafeRaw: selection) WHERE r.admdvs = \(bind: admdvs) ORDER BY r.id DESC").all()
        }
        return try rows.map(Record.init(row:))
    }

    private static let selection = "SELECT r.*, p.payer FROM payment_refunds r JOIN payments p ON p.admdvs = r.admdvs AND p.id = r.payment_id"

    /// The balance of one `collection_ledger` account (`payment:<id>`, `refund_payable:<payer>`).
    public static func ledgerBalance(admdvs: String, account: String, in db: any SQLDatabase) async throws -> Money {
        let fen = try await db.raw("""
            SELECT CAST(COALESCE(SUM(amount_fen), 0) AS BIGINT) AS total FROM collection_ledger
            WHERE admdvs = \(bind: admdvs) AND ledger_account = \(bind: account)
            """).first()?.decode(column: "total", as: Int64.self) ?? 0
        return Money(fen: fen)
    }

    private static func lockedPayment(admdvs: String, id: Int64, in db: any SQLDatabase) async throws -> ReceivedPayment {
        guard let payment = try await ReceivedPayment.find(admdvs: admdvs, id: id, lock: true, in: db) else {
            throw DomainError(.notFound, code: "PAYMENT_NOT_FOUND", message: "到账记录不存在：\(id)", messageEn: "no payment \(id)", path: "payment_id")
        }
        return payment
    }
}

extension PaymentRefundRepository.Record {
    init(row: any SQLRow) throws {
        admdvs = try row.decode(column: "admdvs", as: String.self)
        id = try row.decode(column: "id", as: Int64.self)
        paymentID = try row.decode(column: "payment_id", as: Int64.self)
        payer = try row.decode(column: "payer", as: String.self)
        refund = PaymentRefund(amount: Money(fen: try row.decode(column: "amount_fen", as: Int64.self)),
                               approval: try ApprovalStore.approval(PaymentRefund.subject, from: row))
    }
}
