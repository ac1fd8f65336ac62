/// An amount in a policy: either fixed money (`200`, `"53000"`) or a fraction of the region's average
/// wage W (`{of_avg_wage: "5%"}`), because the sources state many thresholds that way (Xiamen's
/// deductible is 5% of W, its subsidy thresholds 7/8/12/20/30% of W) and W changes every year.
/// It is resolved with the W of the benefit year that the caller passes in.
public enum PolicyAmount: Sendable, Equatable, Codable, CustomStringConvertible {
    case fixed(Money)
    case ofAverageWage(Ratio)

    private enum CodingKeys: String, CodingKey { case ofAvgWage = "of_avg_wage" }

    /// The amount in fen for the benefit year whose average wage is `averageWage`.
    @inlinable public func resolve(_ averageWage: Money) -> Money {
        switch self {
        case .fixed(let money): return money
        case .ofAverageWage(let ratio): return ratio.apply(to: averageWage)
        }
    }

    public init(from decoder: any Decoder) throws {
        if let keyed = try? decoder.container(keyedBy: CodingKeys.self), keyed.contains(.ofAvgWage) {
            self = .ofAverageWage(try keyed.decode(Ratio.self, forKey: .ofAvgWage))
        } else {
            self = .fixed(try Money(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .fixed(let money): try money.encode(to: encoder)
        case .ofAverageWage(let ratio):
            var keyed = encoder.container(keyedBy: CodingKeys.self)
            try keyed.encode(ratio, forKey: .ofAvgWage)
        }
    }

    /// `200.00` or `5% × W` for explanations and validation messages.
    public var description: String {
        switch self {
        case .fixed(let money): return money.description
        case .ofAverageWage(let ratio): return "\(ratio.percentText)×W"
        }
    }

    var isNegative: Bool {
        if case .fixed(let m) = self { return m.isNegative }
        return false
    }
}
