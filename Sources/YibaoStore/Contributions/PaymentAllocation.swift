import SQLKit
import YibaoCore

/// Records one received payment (an imported statement line) and applies it to the payer's open bills,
/// oldest due date first; a partial payment leaves the rest of the oldest bill open, and what no bill
/// takes stays on the payment as `unallocated` for a clerk. The system never holds cash: this is
/// bookkeeping of what the bank or tax statement says arrived.
public struct PaymentAllocation: Sendable, Equatable {
    public var paymentID: Int64
    /// (bill id, amount applied), in the order applied.
    public var applied: [(billID: Int64, amount: Money)]
    public var unallocated: Money

    public static func == (a: Self, b: Self) -> Bool {
        a.paymentID == b.paymentID && a.unallocated == b.unallocated
            && a.applied.map(\.billID) == b.applied.map(\.billID) && a.applied.map(\.amount) == b.applied.map(\.amount)
    }

    /// Stores the line `(statement, lineNo)` for the payer (`employerID` or `psnNo`, 0 for the other)
    /// and allocates it, in the caller's transaction. A line already imported is refused.
    public static func record(admdvs: String, statement: String, lineNo: Int, payer: String, employerID: Int64, psnNo: Int64,
                              amount: Money, paidOn: LocalDate, reference: String = "", by actor: AuditActor,
                              in db: any SQLDatabase) async throws -> PaymentAllocation {
        guard amount > .zero else {
            throw DomainError(code: "PAYMENT_AMOUNT", message: "到账金额必须大于零", messageEn: "the amount must be positive", path: "amount")
        }
        let existing = try await db.select().column("id").from("payments").where("admdvs", .equal, admdvs)
            .where("statement", .equal, statement).where("line_no", .equal, lineNo).first()
        guard existing == nil else {
            throw DomainError(.conflict, code: "PAYMENT_DUPLICATE", message: "对账单 \(statement) 第 \(lineNo) 行已导入",
                              messageEn: "line \(lineNo) of statement \(statement) was already imported", path: "line")
        }
        var open = try await ContributionBillRepository.bills(admdvs: admdvs, employerID: employerID == 0 ? nil : employerID,
                                                             psnNo: employerID == 0 ? psnNo : nil, openOnly: true, in: db)
        if employerID == 0 { open = open.filter { $0.employerID == 0 } }
        let id = IDGenerator.shared.next()
        var left = amount
        var applied: [(billID: Int64, amount: Money)] = []
        for bill in open where left > .zero {
            let take = Money.min(left, bill.outstanding)
            guard take > .zero else { continue }
            left = left - take
            applied.append((bill.id, take))
            let cleared = take == bill.outstanding ? paidOn.description : nil
            try await db.update("contribution_bills").set("paid_fen", to: (bill.paid + take).fen).set("cleared_on", to: cleared)
                .where("admdvs", .equal, admdvs).where("id", .equal, bill.id).run()
        }
        try await db.insert(into: "payments")
            .columns("admdvs", "id", "statement", "line_no", "payer", "amount_fen", "paid_on", "reference", "unallocated_fen", "imported_at")
            .values(SQLBind(admdvs), SQLBind(id), SQLBind(statement), SQLBind(lineNo), SQLBind(payer), SQLBind(amount.fen),
                    SQLBind(paidOn.description), SQLBind(reference), SQLBind(left.fen), SQLBind(Clock.nowMillis()))
            .run()
        for (bill, share) in applied {
            try await db.insert(into: "payment_allocations").columns("admdvs", "payment_id", "bill_id", "amount_fen", "paid_on")
                .values(SQLBind(admdvs), SQLBind(id), SQLBind(bill), SQLBind(share.fen), SQLBind(paidOn.description)).run()
        }
        try await AuditTrail.append(actor.event(action: "payment.import", target: "payment:\(id)",
                                                after: "payer=\(payer) amount=\(amount) unallocated=\(left)"), in: db)
        return PaymentAllocation(paymentID: id, applied: applied, unallocated: left)
    }
}
