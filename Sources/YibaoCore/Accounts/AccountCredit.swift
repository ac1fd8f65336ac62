/// One month's credit to a person's personal account (个人账户划入, 004 L17–L19; Xiamen L107), split
/// between the first and second levels by the policy's `first_level_share` (first level rounded half-up,
/// second level the rest, so the parts sum exactly).
public struct AccountCredit: Sendable, Equatable {
    public var firstLevel: Money
    public var secondLevel: Money
    /// Index of the crediting rule applied (nil: no rule matched, nothing credited).
    public var rule: Int?
    public var total: Money { firstLevel + secondLevel }

    /// What the person with `identity` is credited for `year`-`month`. The age is taken on the first day of
    /// the month, so the month in which a person turns 45 is still credited at the under-45 rate.
    /// `wageBase`, `pension` and `contribution` are the month's figures; only the one the rule uses is needed.
    public static func monthly(identity: IdentityNumber, category: PersonCategory, statuses: SpecialStatuses = [],
                               year: Int, month: Int, wageBase: Money? = nil, pension: Money? = nil,
                               contribution: Money? = nil, policy: ContributionPolicy) throws(DomainError) -> AccountCredit {
        guard let crediting = policy.accountCrediting, let first = LocalDate(year: year, month: month, day: 1) else {
            return AccountCredit(firstLevel: .zero, secondLevel: .zero, rule: nil)
        }
        let age = identity.age(on: first)
        guard let index = crediting.rules.firstIndex(where: { $0.matches(category: category, statuses: statuses, age: age) }) else {
            return AccountCredit(firstLevel: .zero, secondLevel: .zero, rule: nil)
        }
        let rule = crediting.rules[index]
        let total: Money
        if let amount = rule.amount {
            total = amount
        } else {
            let basis: Money?
            switch rule.of {
            case .wageBase: basis = wageBase
            case .pension: basis = pension
            case .contribution: basis = contribution
            case nil: basis = nil
            }
            guard let basis, let ratio = rule.ratio else {
                throw DomainError(code: "ACCOUNT_CREDIT_BASIS_MISSING",
                                  message: "划入规则按“\(rule.of?.rawValue ?? "?")”计算，但未提供该金额",
                                  messageEn: "the crediting rule uses \"\(rule.of?.rawValue ?? "?")\", which was not given",
                                  path: "contributions.account_crediting.rules[\(index)]")
            }
            total = ratio.apply(to: basis)
        }
        let firstLevel = crediting.firstLevelShare.apply(to: total)
        return AccountCredit(firstLevel: firstLevel, secondLevel: total - firstLevel, rule: index)
    }
}
