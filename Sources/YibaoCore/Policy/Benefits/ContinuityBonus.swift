/// Benxi 003 R36: each full year of continuous contribution raises the fund's ratio by `per_year`,
/// never above `max_ratio` (a ratio already above the ceiling is left as it is).
public struct ContinuityBonus: ScopedRule, Codable, Sendable, Equatable {
    public var settings: [BenefitSetting]?
    public var grades: [InstitutionGrade]?
    public var categories: [PersonCategory]?
    public var statuses: SpecialStatuses?
    public var perYear: Ratio
    public var maxRatio: Ratio

    enum CodingKeys: String, CodingKey {
        case settings, grades, categories, statuses
        case perYear = "per_year", maxRatio = "max_ratio"
    }

    @inlinable func raise(_ ratio: Ratio, years: Int) -> Ratio {
        guard years > 0, ratio < maxRatio else { return ratio }
        return Swift.min(maxRatio, Ratio(ppm: ratio.ppm + perYear.ppm * Int64(years)))
    }
}
