/// A refund of money received that no bill takes — a duplicate payment or an over-payment (重复缴费、
/// 多缴退费) — under maker-checker (domain guide §3: "refunds of duplicate payments need maker-checker
/// approval"). One user asks for it with a reason; another user approves or rejects it; nobody decides
/// their own request, and a decided request is never decided again. Only an approval moves money.
public struct PaymentRefund: Sendable, Equatable {
    public enum Status: String, Sendable, Codable, CaseIterable { case requested, approved, rejected }

    public var amount: Money
    public var reason: String
    public var requestedBy: String
    public var status: Status
    public var decidedBy: String?
    /// The checker's note; required for a rejection (the requester must learn why).
    public var decisionNote: String

    /// A request as stored (the store reads it back with this).
    public init(amount: Money, reason: String, requestedBy: String, status: Status, decidedBy: String?, decisionNote: String) {
        self.amount = amount
        self.reason = reason
        self.requestedBy = requestedBy
        self.status = status
        self.decidedBy = decidedBy
        self.decisionNote = decisionNote
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
        guard !reason.allSatisfy(\.isWhitespace) else {
            throw DomainError(code: "REFUND_REASON_REQUIRED", message: "请填写退费原因", messageEn: "give the reason for the refund", path: "reason")
        }
        return PaymentRefund(amount: amount, reason: reason, requestedBy: maker, status: .requested, decidedBy: nil, decisionNote: "")
    }

    /// The checker's decision. Refused when the checker made the request, when it was already decided,
    /// or when a rejection gives no note.
    public mutating func decide(approve: Bool, by checker: String, note: String) throws(DomainError) {
        guard status == .requested else {
            throw DomainError(.conflict, code: "REFUND_ALREADY_DECIDED",
                              message: "该退费申请已\(status == .approved ? "批准" : "驳回")（\(decidedBy ?? "")），不能再次审批",
                              messageEn: "this refund was already \(status.rawValue) by \(decidedBy ?? "?")", path: "id")
        }
        guard checker != requestedBy else {
            throw DomainError(.forbidden, code: "REFUND_SELF_APPROVAL", message: "退费须由申请人以外的经办人审批，不能审批本人的申请",
                              messageEn: "a refund must be decided by someone other than the user who requested it", path: "id")
        }
        guard approve || !note.allSatisfy(\.isWhitespace) else {
            throw DomainError(code: "REFUND_NOTE_REQUIRED", message: "驳回退费申请须说明理由", messageEn: "a rejection needs a note", path: "note")
        }
        status = approve ? .approved : .rejected
        decidedBy = checker
        decisionNote = note
    }
}
