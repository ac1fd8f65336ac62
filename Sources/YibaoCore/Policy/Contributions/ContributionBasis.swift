/// What a contribution rate is applied to: the person's locked, declared base, or a fixed fraction of
/// the region's average wage (Xiamen: local employees on W, migrants on 60%·W, 000 L97–L103).
///
/// Bases are monthly. A fraction of W is taken of the **monthly** average wage, W ÷ 12 rounded half-up
/// to the fen (see `ContributionBase.monthlyAverageWage`), so "60%·W" means 60% of W/12 a month.
/// Written `declared` or `{of_avg_wage: "60%"}`.
public enum ContributionBasis: Sendable, Equatable, Codable, CustomStringConvertible {
    case declared
    case ofAverageWage(Ratio)

    private enum CodingKeys: String, CodingKey { case ofAvgWage = "of_avg_wage" }

    public init(from decoder: any Decoder) throws {
        if let keyed = try? decoder.container(keyedBy: CodingKeys.self), keyed.contains(.ofAvgWage) {
            self = .ofAverageWage(try keyed.decode(Ratio.self, forKey: .ofAvgWage))
            return
        }
        let single = try decoder.singleValueContainer()
        guard (try? single.decode(String.self)) == "declared" else {
            throw DecodingError.dataCorruptedError(
                in: single, debugDescription: "缴费基数应为 declared 或 {of_avg_wage: \"60%\"} / base must be declared or {of_avg_wage: \"60%\"}")
        }
        self = .declared
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .declared:
            var single = encoder.singleValueContainer()
            try single.encode("declared")
        case .ofAverageWage(let ratio):
            var keyed = encoder.container(keyedBy: CodingKeys.self)
            try keyed.encode(ratio, forKey: .ofAvgWage)
        }
    }

    public var description: String {
        switch self {
        case .declared: return "申报基数/declared base"
        case .ofAverageWage(let ratio): return "\(ratio.percentText)×W/12"
        }
    }
}
