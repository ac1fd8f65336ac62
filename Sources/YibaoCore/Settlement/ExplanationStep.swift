/// One step of a settlement's explanation, as plain values: which kind of rule, which entry of the
/// policy list, the parameters and the amounts. Text (Chinese, English) is rendered only on demand
/// (`text(_:)`), so that the settlement path builds no strings.
public struct ExplanationStep: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case notCovered = "not_covered"
        case accountOnly = "account_only"
        case excluded
        case newBenefitYear = "new_benefit_year"
        case fullySelfPaid = "fully_self_paid"
        case overLimit = "over_limit"
        case classBSelfPay = "class_b_self_pay"
        case inScope = "in_scope"
        case deductible
        case coinsurance
        case beyondSegments = "beyond_segments"
        case noCoinsuranceRule = "no_coinsurance_rule"
        case poolCapReached = "pool_cap_reached"
        case layer
        case layerCapReached = "layer_cap_reached"
        case subsidy
        case specialCopay = "special_copay"
        case specialRescue = "special_rescue"
        case accountFirstLevel = "account_first_level"
        case accountSecondLevel = "account_second_level"
        case cash
    }

    public var kind: Kind
    /// Index of the entry in the policy list the kind refers to (deductibles, coinsurance, layers ...).
    public var rule: Int32?
    /// A second index (the segment inside a co-insurance rule).
    public var part: Int32?
    public var fund: FundKind?
    public var ratio: Ratio?
    /// The amount the rule worked on.
    public var base: Money?
    /// The rule's parameter in money: a deductible due, a cap, a segment bound.
    public var limit: Money?
    /// The result.
    public var amount: Money
    /// A count: lines, earlier admissions, years.
    public var count: Int32?
    public var date: LocalDate?
    public var reason: NotCoveredReason?
    public var exclusion: ExclusionReason?

    @inlinable public init(_ kind: Kind, amount: Money, rule: Int? = nil, part: Int? = nil, fund: FundKind? = nil,
                           ratio: Ratio? = nil, base: Money? = nil, limit: Money? = nil, count: Int? = nil,
                           date: LocalDate? = nil, reason: NotCoveredReason? = nil, exclusion: ExclusionReason? = nil) {
        self.kind = kind
        self.amount = amount
        self.rule = rule.map { Int32($0) }
        self.part = part.map { Int32($0) }
        self.fund = fund
        self.ratio = ratio
        self.base = base
        self.limit = limit
        self.count = count.map { Int32($0) }
        self.date = date
        self.reason = reason
        self.exclusion = exclusion
    }

    /// The policy path of the rule (`benefits.deductibles[1]`), if the step comes from one.
    public var rulePath: String? {
        guard let rule else { return nil }
        let list: String
        switch kind {
        case .deductible: list = "deductibles"
        case .coinsurance, .beyondSegments, .poolCapReached: list = "coinsurance"
        case .classBSelfPay: list = "class_b_self_pay"
        case .layer, .layerCapReached: list = "layers"
        case .subsidy: list = "subsidies"
        case .specialCopay, .specialRescue: list = "special_groups"
        default: return nil
        }
        let segment = part.map { ".segments[\($0)]" } ?? ""
        return "benefits.\(list)[\(rule)]" + segment
    }
}
