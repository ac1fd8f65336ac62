/// Maker-checker (双人复核) of one request: a maker asks with a reason, a different user approves or
/// rejects it, and a decided request is never decided again (domain guide §3, internal control: refunds of
/// duplicate payments, back-payments and other sensitive operations need a second person; 002 F7).
/// Each kind of request names itself with a `Subject`, which gives its error codes and wording, so every
/// workflow refuses the same things the same way (`REFUND_SELF_APPROVAL`, `BACK_PAYMENT_SELF_APPROVAL` …).
public struct Approval: Sendable, Equatable {
    public enum Status: String, Sendable, Codable, CaseIterable { case requested, approved, rejected }

    /// What is being approved: the error-code prefix and the noun in both languages.
    public struct Subject: Sendable, Equatable {
        public var code: String
        public var noun: String
        public var nounEn: String

        public init(code: String, noun: String, nounEn: String) {
            self.code = code
            self.noun = noun
            self.nounEn = nounEn
        }
    }

    public var subject: Subject
    public var reason: String
    public var requestedBy: String
    public var status: Status
    public var decidedBy: String?
    /// The checker's note; required for a rejection (the maker must learn why).
    public var decisionNote: String

    /// A request as stored (the store reads it back with this).
    public init(subject: Subject, reason: String, requestedBy: String, status: Status, decidedBy: String?, decisionNote: String) {
        self.subject = subject
        self.reason = reason
        self.requestedBy = requestedBy
        self.status = status
        self.decidedBy = decidedBy
        self.decisionNote = decisionNote
    }

    /// A new request by `maker`; the reason is required (the checker decides on it).
    public static func request(_ subject: Subject, reason: String, by maker: String) throws(DomainError) -> Approval {
        guard !reason.allSatisfy(\.isWhitespace) else {
            throw DomainError(code: "\(subject.code)_REASON_REQUIRED", message: "请填写\(subject.noun)原因",
                              messageEn: "give the reason for the \(subject.nounEn)", path: "reason")
        }
        return Approval(subject: subject, reason: reason, requestedBy: maker, status: .requested, decidedBy: nil, decisionNote: "")
    }

    /// The checker's decision. Refused when the checker made the request, when it was already decided,
    /// or when a rejection gives no note.
    public mutating func decide(approve: Bool, by checker: String, note: String) throws(DomainError) {
        guard status == .requested else {
            throw DomainError(.conflict, code: "\(subject.code)_ALREADY_DECIDED",
                              message: "该\(subject.noun)申请已\(status == .approved ? "批准" : "驳回")（\(decidedBy ?? "")），不能再次审批",
                              messageEn: "this \(subject.nounEn) was already \(status.rawValue) by \(decidedBy ?? "?")", path: "id")
        }
        guard checker != requestedBy else {
            throw DomainError(.forbidden, code: "\(subject.code)_SELF_APPROVAL",
                              message: "\(subject.noun)须由申请人以外的经办人审批，不能审批本人的申请",
                              messageEn: "a \(subject.nounEn) must be decided by someone other than the user who requested it", path: "id")
        }
        guard approve || !note.allSatisfy(\.isWhitespace) else {
            throw DomainError(code: "\(subject.code)_NOTE_REQUIRED", message: "驳回\(subject.noun)申请须说明理由",
                              messageEn: "a rejection needs a note", path: "note")
        }
        status = approve ? .approved : .rejected
        decidedBy = checker
        decisionNote = note
    }
}
