/// A layer that pays a share of the cost above the pooled fund's cap (大额/大病/补充保险): Xiamen
/// supplementary 90% up to 150,000; 004 大病统筹 95% with a cap that depends on the years of
/// serious-illness contributions. Layers are applied in order; what one layer cannot take because its
/// cap is reached passes to the next, and what no layer takes is "beyond the layers".
public struct AboveCapLayer: Codable, Sendable, Equatable {
    /// 004 L31: with fewer than `full_years` of contributions, the cap is `cap_below_full` at
    /// `full_years − 1` years and falls by `reduction_per_missing_year` for each further missing year.
    public struct ContributionYears: Codable, Sendable, Equatable {
        public var fullYears: Int
        public var capBelowFull: PolicyAmount
        public var reductionPerMissingYear: PolicyAmount

        enum CodingKeys: String, CodingKey {
            case fullYears = "full_years", capBelowFull = "cap_below_full"
            case reductionPerMissingYear = "reduction_per_missing_year"
        }

        /// The cap for `years` of contributions, or nil when the years are full.
        @inlinable func cap(years: Int, averageWage: Money) -> Money? {
            guard years < fullYears else { return nil }
            let missing = Int64(fullYears - 1 - Swift.max(0, years))
            let cap = capBelowFull.resolve(averageWage) - reductionPerMissingYear.resolve(averageWage) * missing
            return Money.max(.zero, cap)
        }
    }

    public var id: String
    public var fund: FundKind
    public var share: Ratio
    public var cap: PolicyAmount?
    public var contributionYears: ContributionYears?

    enum CodingKeys: String, CodingKey {
        case id, fund, share, cap
        case contributionYears = "contribution_years"
    }
}
