/// A person's account statement (对账单) for a period: opening and closing balances of each level and
/// every movement in between, derived from the ledger's postings alone.
public struct AccountStatement: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public var sequence: Int
        public var date: LocalDate
        public var kind: AccountPosting.Kind
        public var reference: String
        /// Change of the person's spendable balance (reservations count as leaving it).
        public var firstLevel: Money
        public var secondLevel: Money
    }

    public var opening: AccountBalances
    public var lines: [Line]
    public var closing: AccountBalances

    /// The statement of `person` from `from` through `through` (both included).
    public init(person: IdentityNumber, ledger: AccountLedger, from: LocalDate, through: LocalDate) {
        var opening = AccountBalances()
        var lines: [Line] = []
        for posting in ledger.postings where posting.date <= through {
            var change = AccountBalances()
            for leg in posting.legs {
                if leg.account == .personal(person, .first) { change.firstLevel += leg.amount }
                if leg.account == .personal(person, .second) { change.secondLevel += leg.amount }
            }
            guard !(change.firstLevel.isZero && change.secondLevel.isZero) else { continue }
            if posting.date < from {
                opening.firstLevel += change.firstLevel
                opening.secondLevel += change.secondLevel
            } else {
                lines.append(Line(sequence: posting.sequence, date: posting.date, kind: posting.kind, reference: posting.reference,
                                  firstLevel: change.firstLevel, secondLevel: change.secondLevel))
            }
        }
        self.opening = opening
        self.lines = lines
        self.closing = lines.reduce(opening) {
            AccountBalances(firstLevel: $0.firstLevel + $1.firstLevel, secondLevel: $0.secondLevel + $1.secondLevel)
        }
    }
}
