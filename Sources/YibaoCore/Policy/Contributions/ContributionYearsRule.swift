/// Minimum contribution years at retirement (缴费年限, 004 L15, Xiamen L129): men 30, women 25 by default;
/// a person short of them pays the missing months in one lump sum (一次性缴足) before retiree benefits.
public struct ContributionYearsRule: Codable, Sendable, Equatable {
    public struct Minimum: Codable, Sendable, Equatable {
        public var male: Int
        public var female: Int
        public init(male: Int, female: Int) { self.male = male; self.female = female }
    }

    /// The lump sum for each missing month: `rate` (employer and individual shares together) of `base`.
    public struct TopUp: Codable, Sendable, Equatable {
        public var base: ContributionBasis
        public var rate: Ratio
        public init(base: ContributionBasis, rate: Ratio) { self.base = base; self.rate = rate }
    }

    public var minimumYears: Minimum
    public var topUp: TopUp?

    public init(minimumYears: Minimum, topUp: TopUp? = nil) {
        self.minimumYears = minimumYears
        self.topUp = topUp
    }

    enum CodingKeys: String, CodingKey { case minimumYears = "minimum_years", topUp = "top_up" }

    public func minimumYears(for sex: Sex) -> Int { sex == .male ? minimumYears.male : minimumYears.female }
}
