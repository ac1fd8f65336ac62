/// A subsidy on the person's cumulative figure in the benefit year, paid tier by tier
/// (Xiamen civil servants: 80% of self-pay above 12%·W; hardship: 50% between 7% and 20%·W, 70% above).
///
/// The subsidy owed is a function of the cumulative base, `min(cap, Σ ratio × part of base in tier)`;
/// an encounter is paid the growth of that function, so the sum over a year never depends on how the
/// cost was split into encounters, and cancelling an encounter gives exactly its part back.
public struct SubsidyLayer: ScopedRule, Codable, Sendable, Equatable {
    public enum Base: String, Codable, Sendable {
        /// In-scope self-pay under the schemes (S): deductible, co-insurance and the layers' co-pay.
        case selfPay = "self_pay"
        /// In-scope cost above the pooled cap that no layer takes (B), e.g. above the supplementary cap.
        case beyondLayers = "beyond_layers"
        /// S + B: everything in scope the person bears.
        case selfPayAndBeyond = "self_pay_and_beyond"
    }

    public struct Tier: Codable, Sendable, Equatable {
        public var from: PolicyAmount
        public var to: PolicyAmount?
        public var ratio: Ratio
    }

    public var id: String
    public var fund: FundKind
    public var settings: [BenefitSetting]?
    public var grades: [InstitutionGrade]?
    public var categories: [PersonCategory]?
    public var statuses: SpecialStatuses?
    public var base: Base
    public var tiers: [Tier]
    /// The most this subsidy pays in a benefit year (the fund's own cap is in `annual_caps`).
    public var cap: PolicyAmount?

    /// Subsidy owed on a cumulative base of `value`.
    @inlinable func owed(on value: Money, averageWage: Money) -> Money {
        var total = Money.zero
        for tier in tiers {
            let from = tier.from.resolve(averageWage)
            guard value > from else { continue }
            var part = value - from
            if let to = tier.to?.resolve(averageWage) { part = Money.min(part, Money.max(.zero, to - from)) }
            total += tier.ratio.apply(to: part)
        }
        if let cap = cap?.resolve(averageWage) { total = Money.min(total, cap) }
        return total
    }
}
