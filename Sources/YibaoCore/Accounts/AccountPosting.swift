/// One movement of the personal-account ledger (记账凭证): two or more legs whose amounts sum to zero,
/// a positive amount being money into the account and a negative one money out of it (every debit has
/// its credit). A posting that would not balance cannot be built.
public struct AccountPosting: Sendable, Equatable {
    public struct Leg: Sendable, Equatable {
        public var account: LedgerAccount
        public var amount: Money
        public init(_ account: LedgerAccount, _ amount: Money) {
            self.account = account
            self.amount = amount
        }
    }

    public enum Kind: String, Sendable, Codable {
        case credit, reserve, commit, release, refund
        case transferOut = "transfer_out", transferIn = "transfer_in", inheritance
    }

    /// Position in the ledger, from 1.
    public var sequence: Int
    public var date: LocalDate
    public var kind: Kind
    /// The business reference (batch and month, settlement id ...), for idempotency and statements.
    public var reference: String
    public var legs: [Leg]

    public init(sequence: Int, date: LocalDate, kind: Kind, reference: String, legs: [Leg]) throws(DomainError) {
        guard legs.count >= 2, legs.allSatisfy({ !$0.amount.isZero }) else {
            throw DomainError(code: "POSTING_LEGS", message: "记账凭证至少需要两条非零分录",
                              messageEn: "a posting needs at least two non-zero legs", path: "legs")
        }
        let sum = legs.reduce(Money.zero) { $0 + $1.amount }
        guard sum.isZero else {
            throw DomainError(code: "POSTING_UNBALANCED", message: "借贷不平：分录合计 \(sum)，应为 0",
                              messageEn: "the legs sum to \(sum), not zero", path: "legs")
        }
        self.sequence = sequence
        self.date = date
        self.kind = kind
        self.reference = reference
        self.legs = legs
    }
}
