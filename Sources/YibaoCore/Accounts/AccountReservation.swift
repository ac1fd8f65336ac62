/// Money held on a person's account for one settlement: reserved when the bill is priced, then either
/// committed (paid to the institution) or reversed (released, or refunded after a commit).
public struct AccountReservation: Sendable, Equatable {
    public enum State: String, Sendable, Codable { case reserved, committed, reversed }

    public var reference: String
    public var person: IdentityNumber
    public var firstLevel: Money
    public var secondLevel: Money
    public var state: State
    /// The region whose institution payable took the money, once committed.
    public var committedTo: RegionCode?

    public var total: Money { firstLevel + secondLevel }

    func amount(_ level: AccountLevel) -> Money { level == .first ? firstLevel : secondLevel }
}
