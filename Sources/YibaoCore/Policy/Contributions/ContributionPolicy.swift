/// The `contributions` section of a policy document: everything the collection side needs (domain
/// guide §3) — declared bases, rates and levies, resident premiums and subsidies, waiting periods,
/// late fees and escalation, minimum contribution years and personal-account crediting.
/// Every part is optional: a resident scheme has no declared bases, an employee scheme no premium table.
/// Format and examples: docs/policy-format.md, section `contributions`; rules: docs/enrolment-and-contributions.md.
public struct ContributionPolicy: PolicySection, Equatable {
    public static let key = "contributions"

    public var base: ContributionBaseRule?
    /// The basic contribution by category; first match wins.
    public var rates: [ContributionRate]
    /// Additional contributions on the same basis (civil-servant subsidy levy); every match applies.
    public var levies: [ContributionRate]
    public var resident: ResidentPremiumRules?
    /// First match wins; a person no entry matches has no waiting period.
    public var waiting: [WaitingRule]
    public var lateFees: LateFeeRule?
    /// Ascending by `after_months`.
    public var escalation: [EscalationStep]
    public var contributionYears: ContributionYearsRule?
    public var accountCrediting: AccountCrediting?

    public init(base: ContributionBaseRule? = nil, rates: [ContributionRate] = [], levies: [ContributionRate] = [],
                resident: ResidentPremiumRules? = nil, waiting: [WaitingRule] = [], lateFees: LateFeeRule? = nil,
                escalation: [EscalationStep] = [], contributionYears: ContributionYearsRule? = nil,
                accountCrediting: AccountCrediting? = nil) {
        self.base = base
        self.rates = rates
        self.levies = levies
        self.resident = resident
        self.waiting = waiting
        self.lateFees = lateFees
        self.escalation = escalation
        self.contributionYears = contributionYears
        self.accountCrediting = accountCrediting
    }

    enum CodingKeys: String, CodingKey {
        case base, rates, levies, resident, waiting, lateFees = "late_fees", escalation
        case contributionYears = "contribution_years", accountCrediting = "account_crediting"
    }

    /// Lists left out mean "none".
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        base = try c.decodeIfPresent(ContributionBaseRule.self, forKey: .base)
        rates = try c.decodeIfPresent([ContributionRate].self, forKey: .rates) ?? []
        levies = try c.decodeIfPresent([ContributionRate].self, forKey: .levies) ?? []
        resident = try c.decodeIfPresent(ResidentPremiumRules.self, forKey: .resident)
        waiting = try c.decodeIfPresent([WaitingRule].self, forKey: .waiting) ?? []
        lateFees = try c.decodeIfPresent(LateFeeRule.self, forKey: .lateFees)
        escalation = try c.decodeIfPresent([EscalationStep].self, forKey: .escalation) ?? []
        contributionYears = try c.decodeIfPresent(ContributionYearsRule.self, forKey: .contributionYears)
        accountCrediting = try c.decodeIfPresent(AccountCrediting.self, forKey: .accountCrediting)
    }
}
