/// A refund of money received that no bill takes — a duplicate payment or an over-payment (重复缴费、
/// 多缴退费) — under maker-checker (domain guide §3: "refunds of duplicate payments need maker-checker
/// approval"), under the shared maker-checker rule (`Approval`). Only an approval moves money.
public struct PaymentRefund: Sendable, Equatable {
    public typealias Status = Approval.Status
    public static let subject = Approval.Subject(code: "REFUND", noun: "退费", nounEn: "refund")

    public var amount: Money
    public var approval: Approval

    public var reason: String { approval.reason }
    public var requestedBy: String { approval.requestedBy }
    public var status: Status { approval.status }
    public var decidedBy: String? { approval.decidedBy }
    public var decisionNote: String { approval.decisionNote }

    public init(amount: Money, approval: Approval) {
        self.amount = amount
        self.approval = approval
    }

    /// A new request for `amount` out of what is still `refundable` on the payment (its unallocated
    /// amount less the other requests still waiting for a decision).
    public static func request(amount: Money, refundable: Money, reason: String, by maker: String) throws(DomainError) -> PaymentRefund {
        guard amount > .zero else {
            throw DomainError(code: "REFUND_AMOUNT", message: "退费金额必须大于零", messageEn: "the refund amount must be positive", path: "amount")
        }
        guard amount <= refundable else {
            throw DomainError(.conflict, code: "REFUND_EXCEEDS_UNALLOCATED",
                              message: "退费金额 \(amount) 超过该笔到账可退金额 \(refundable)（未分配金额减去待审批的退费）",
                              messageEn: "the refund \(amount) exceeds the refundable \(refundable) (unallocated less pending refunds)",
                              path: "amount")
        }
        return PaymentRefund(amount: amount, approval: try Approval.request(subject, reason: reason, by: maker))
    }

    /// The checker's decision (`Approval.decide`).
    public mutating func decide(approve: Bool, by checker: String, note: String) throws(DomainError) {
        try approval.decide(approve: approve, by: checker, note: note)
    }
}
