/// The `benefits` section of a policy document: everything the settlement engine needs to turn a bill
/// into fund payments (domain guide §4). Every regional value lives here, none in the engine.
/// Format and examples: docs/policy-format.md, section `benefits`.
public struct BenefitPolicy: PolicySection, Equatable {
    public static let key = "benefits"

    /// How an admission that spans the turn of the benefit year is settled (Benxi R40).
    public enum CrossYear: String, Codable, Sendable {
        /// Settled whole under the discharge year's rules and accumulators.
        case dischargeYear = "discharge_year"
        /// Settled up to the last day of the old year, then reopened as a new admission.
        case splitAtYearEnd = "split_at_year_end"
    }

    public var benefitYear: BenefitYearRule
    public var crossYear: CrossYear
    public var exclusions: [ExclusionReason]
    public var classBSelfPay: [ClassBSelfPayRule]
    public var deductibles: [DeductibleRule]
    public var coinsurance: [CoinsuranceRule]
    public var continuityBonus: ContinuityBonus?
    public var annualCaps: AnnualCaps
    public var layers: [AboveCapLayer]
    public var subsidies: [SubsidyLayer]
    public var specialGroups: [SpecialGroupRule]
    public var personalAccount: AccountUse?

    enum CodingKeys: String, CodingKey {
        case benefitYear = "benefit_year", crossYear = "cross_year", exclusions
        case classBSelfPay = "class_b_self_pay", deductibles, coinsurance
        case continuityBonus = "continuity_bonus", annualCaps = "annual_caps", layers, subsidies
        case specialGroups = "special_groups", personalAccount = "personal_account"
    }

    public init(benefitYear: BenefitYearRule = BenefitYearRule(), crossYear: CrossYear = .dischargeYear,
                exclusions: [ExclusionReason] = [], classBSelfPay: [ClassBSelfPayRule] = [],
                deductibles: [DeductibleRule] = [], coinsurance: [CoinsuranceRule] = [],
                continuityBonus: ContinuityBonus? = nil, annualCaps: AnnualCaps = AnnualCaps(),
                layers: [AboveCapLayer] = [], subsidies: [SubsidyLayer] = [],
                specialGroups: [SpecialGroupRule] = [], personalAccount: AccountUse? = nil) {
        self.benefitYear = benefitYear
        self.crossYear = crossYear
        self.exclusions = exclusions
        self.classBSelfPay = classBSelfPay
        self.deductibles = deductibles
        self.coinsurance = coinsurance
        self.continuityBonus = continuityBonus
        self.annualCaps = annualCaps
        self.layers = layers
        self.subsidies = subsidies
        self.specialGroups = specialGroups
        self.personalAccount = personalAccount
    }

    /// Lists and the year rules may be left out of a file (meaning "none" and the defaults).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        benefitYear = try c.decodeIfPresent(BenefitYearRule.self, forKey: .benefitYear) ?? BenefitYearRule()
        crossYear = try c.decodeIfPresent(CrossYear.self, forKey: .crossYear) ?? .dischargeYear
        exclusions = try c.decodeIfPresent([ExclusionReason].self, forKey: .exclusions) ?? []
        classBSelfPay = try c.decodeIfPresent([ClassBSelfPayRule].self, forKey: .classBSelfPay) ?? []
        deductibles = try c.decodeIfPresent([DeductibleRule].self, forKey: .deductibles) ?? []
        coinsurance = try c.decodeIfPresent([CoinsuranceRule].self, forKey: .coinsurance) ?? []
        continuityBonus = try c.decodeIfPresent(ContinuityBonus.self, forKey: .continuityBonus)
        annualCaps = try c.decodeIfPresent(AnnualCaps.self, forKey: .annualCaps) ?? AnnualCaps()
        layers = try c.decodeIfPresent([AboveCapLayer].self, forKey: .layers) ?? []
        subsidies = try c.decodeIfPresent([SubsidyLayer].self, forKey: .subsidies) ?? []
        specialGroups = try c.decodeIfPresent([SpecialGroupRule].self, forKey: .specialGroups) ?? []
        personalAccount = try c.decodeIfPresent(AccountUse.self, forKey: .personalAccount)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(benefitYear, forKey: .benefitYear)
        try c.encode(crossYear, forKey: .crossYear)
        try c.encode(exclusions, forKey: .exclusions)
        try c.encode(classBSelfPay, forKey: .classBSelfPay)
        try c.encode(deductibles, forKey: .deductibles)
        try c.encode(coinsurance, forKey: .coinsurance)
        try c.encodeIfPresent(continuityBonus, forKey: .continuityBonus)
        try c.encode(annualCaps, forKey: .annualCaps)
        try c.encode(layers, forKey: .layers)
        try c.encode(subsidies, forKey: .subsidies)
        try c.encode(specialGroups, forKey: .specialGroups)
        try c.encodeIfPresent(personalAccount, forKey: .personalAccount)
    }
}
