/// 分段报销: the fund's share of in-scope cost after the deductible, by segment of the person's
/// cumulative in-scope cost in the benefit year (004: ≤10,000, 10,000–50,000, above). A single
/// segment without `up_to` is a flat ratio (Benxi 70/65/60%, Xiamen 85%).
public struct CoinsuranceRule: ScopedRule, Codable, Sendable, Equatable {
    public struct Segment: Codable, Sendable, Equatable {
        /// Upper bound of cumulative in-scope cost (inclusive); absent on the last segment.
        public var upTo: PolicyAmount?
        /// The fund's share within the segment.
        public var ratio: Ratio

        enum CodingKeys: String, CodingKey { case upTo = "up_to", ratio }

        public init(upTo: PolicyAmount? = nil, ratio: Ratio) {
            self.upTo = upTo
            self.ratio = ratio
        }
    }

    public var settings: [BenefitSetting]?
    public var grades: [InstitutionGrade]?
    public var categories: [PersonCategory]?
    public var statuses: SpecialStatuses?
    public var segments: [Segment]
}
