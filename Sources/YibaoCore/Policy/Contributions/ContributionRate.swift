/// Employer and individual shares of a contribution on a basis (004 L13: 9% + 2%; flexible employment
/// 0% + 11%; Xiamen 8% + 2% on W, migrants 4% + 2% on 60%·W). The same shape serves `rates` (the basic
/// contribution, first match wins) and `levies` (additional contributions such as the civil-servant
/// subsidy levy of 3.5%, 000 L117, every match applies; a levy is named by `id`).
public struct ContributionRate: CategoryScoped, Codable, Sendable, Equatable {
    /// Required for levies, which appear by name on bills; unused for rates.
    public var id: String?
    public var categories: [PersonCategory]?
    public var statuses: SpecialStatuses?
    /// Matches only people receiving (true) or not receiving (false) unemployment benefit; absent: both.
    /// Xiamen L103: the unemployed pay on 60%·W while on benefit, on W otherwise.
    public var onUnemploymentBenefit: Bool?
    public var base: ContributionBasis
    public var employer: Ratio
    public var individual: Ratio

    public init(id: String? = nil, categories: [PersonCategory]? = nil, statuses: SpecialStatuses? = nil,
                onUnemploymentBenefit: Bool? = nil, base: ContributionBasis = .declared,
                employer: Ratio = .zero, individual: Ratio = .zero) {
        self.id = id
        self.categories = categories
        self.statuses = statuses
        self.onUnemploymentBenefit = onUnemploymentBenefit
        self.base = base
        self.employer = employer
        self.individual = individual
    }

    enum CodingKeys: String, CodingKey {
        case id, categories, statuses, onUnemploymentBenefit = "on_unemployment_benefit", base, employer, individual
    }

    /// `base` defaults to `declared` and a share left out is 0% (business owners pay no employer share).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(String.self, forKey: .id)
        categories = try c.decodeIfPresent([PersonCategory].self, forKey: .categories)
        statuses = try c.decodeIfPresent(SpecialStatuses.self, forKey: .statuses)
        onUnemploymentBenefit = try c.decodeIfPresent(Bool.self, forKey: .onUnemploymentBenefit)
        base = try c.decodeIfPresent(ContributionBasis.self, forKey: .base) ?? .declared
        employer = try c.decodeIfPresent(Ratio.self, forKey: .employer) ?? .zero
        individual = try c.decodeIfPresent(Ratio.self, forKey: .individual) ?? .zero
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(id, forKey: .id)
        try c.encodeIfPresent(categories, forKey: .categories)
        try c.encodeIfPresent(statuses, forKey: .statuses)
        try c.encodeIfPresent(onUnemploymentBenefit, forKey: .onUnemploymentBenefit)
        try c.encode(base, forKey: .base)
        try c.encode(employer, forKey: .employer)
        try c.encode(individual, forKey: .individual)
    }

    /// Whether the rule applies to this person this month.
    public func matches(category: PersonCategory, statuses held: SpecialStatuses, onUnemploymentBenefit benefit: Bool) -> Bool {
        if let onUnemploymentBenefit, onUnemploymentBenefit != benefit { return false }
        return matches(category: category, statuses: held)
    }
}
