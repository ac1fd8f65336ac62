/// Personal-account crediting (个人账户划入, 004 L17–L19; Xiamen L107): rules by category, status and age,
/// how often the batch runs, and the share of each credit that goes to the first-level account (the
/// second level takes the rest). Which level pays first, and for what, is the `benefits` section's
/// `personal_account` (spending is a settlement rule), so it is not repeated here.
public struct AccountCrediting: Codable, Sendable, Equatable {
    public enum Frequency: String, Codable, Sendable { case monthly, annual }

    public var frequency: Frequency
    /// 004 L19 splits the account in two levels without saying how credits divide: a parameter.
    public var firstLevelShare: Ratio
    /// First match wins: write age bands and statuses before the general entry of a category.
    public var rules: [CreditingRule]

    public init(frequency: Frequency, firstLevelShare: Ratio, rules: [CreditingRule]) {
        self.frequency = frequency
        self.firstLevelShare = firstLevelShare
        self.rules = rules
    }

    enum CodingKeys: String, CodingKey { case frequency, firstLevelShare = "first_level_share", rules }
}

/// One crediting rule: a `ratio` of a monthly basis (`of`), or a fixed monthly `amount`; narrowed by
/// category, status and age on the first day of the crediting month (`from_age` inclusive, `below_age`
/// exclusive: 004 "45周岁(含)以上" is `from_age: 45`).
public struct CreditingRule: CategoryScoped, Codable, Sendable, Equatable {
    public enum Basis: String, Codable, Sendable {
        /// The person's own monthly contribution base (004: "本人上年度工资总额", taken monthly).
        case wageBase = "wage_base"
        /// The person's monthly pension (004: "本人上年度退休金总额", taken monthly).
        case pension
        /// The month's total contribution paid for the person (Xiamen L107: 60% of contributions).
        case contribution
    }

    public var categories: [PersonCategory]?
    public var statuses: SpecialStatuses?
    public var fromAge: Int?
    public var belowAge: Int?
    public var of: Basis?
    public var ratio: Ratio?
    public var amount: Money?

    public init(categories: [PersonCategory]? = nil, statuses: SpecialStatuses? = nil, fromAge: Int? = nil,
                belowAge: Int? = nil, of: Basis? = nil, ratio: Ratio? = nil, amount: Money? = nil) {
        self.categories = categories
        self.statuses = statuses
        self.fromAge = fromAge
        self.belowAge = belowAge
        self.of = of
        self.ratio = ratio
        self.amount = amount
    }

    enum CodingKeys: String, CodingKey {
        case categories, statuses, fromAge = "from_age", belowAge = "below_age", of, ratio, amount
    }

    public func matches(category: PersonCategory, statuses held: SpecialStatuses, age: Int) -> Bool {
        if let fromAge, age < fromAge { return false }
        if let belowAge, age >= belowAge { return false }
        return matches(category: category, statuses: held)
    }
}
