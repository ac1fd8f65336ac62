/// What the engine needs to know about the insured person on the encounter date.
public struct PersonProfile: Sendable, Equatable {
    public var category: PersonCategory
    public var statuses: SpecialStatuses
    public var birthDate: LocalDate?
    public var sex: Sex?
    /// Full years of continuous contribution (resident continuity bonus).
    public var continuousYears: Int
    /// Years of serious-illness (大病统筹) contributions (004 layer cap).
    public var seriousIllnessYears: Int
    public var account: AccountBalances

    public init(category: PersonCategory, statuses: SpecialStatuses = [], birthDate: LocalDate? = nil,
                sex: Sex? = nil, continuousYears: Int = 0, seriousIllnessYears: Int = 0,
                account: AccountBalances = AccountBalances()) {
        self.category = category
        self.statuses = statuses
        self.birthDate = birthDate
        self.sex = sex
        self.continuousYears = continuousYears
        self.seriousIllnessYears = seriousIllnessYears
        self.account = account
    }
}

/// Personal-account balances (004 篇1: first level pays first, second level after).
public struct AccountBalances: Sendable, Equatable, Codable {
    public var firstLevel: Money
    public var secondLevel: Money

    public init(firstLevel: Money = .zero, secondLevel: Money = .zero) {
        self.firstLevel = firstLevel
        self.secondLevel = secondLevel
    }

    public var total: Money { firstLevel + secondLevel }

    enum CodingKeys: String, CodingKey { case firstLevel = "first_level", secondLevel = "second_level" }

    /// A level left out has no balance.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        firstLevel = try c.decodeIfPresent(Money.self, forKey: .firstLevel) ?? .zero
        secondLevel = try c.decodeIfPresent(Money.self, forKey: .secondLevel) ?? .zero
    }
}
