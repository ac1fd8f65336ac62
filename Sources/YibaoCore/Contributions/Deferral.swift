/// A deferral agreement (缓缴协议, 002 L27): on every day from `from` through `through` (both included)
/// no late fee accrues and benefits are not stopped for the debts it covers.
public struct Deferral: Sendable, Equatable, Codable {
    public var from: LocalDate
    public var through: LocalDate

    public init(from: LocalDate, through: LocalDate) {
        self.from = from
        self.through = through
    }

    public func covers(_ day: LocalDate) -> Bool { from <= day && day <= through }
}
