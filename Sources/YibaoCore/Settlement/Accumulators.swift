/// What one person has used in one benefit year: the state that makes the next settlement depend on
/// the earlier ones (repeat-admission deductibles, segments, caps, subsidies on cumulative self-pay).
///
/// A settlement carries the change it made (`Settlement.delta`, the same shape), so cancelling it
/// subtracts exactly that change and nothing else.
public struct Accumulators: Sendable, Equatable, Codable {
    /// First day of the benefit year these figures belong to; nil before any settlement.
    public var yearStart: LocalDate?
    /// In-city admissions settled this year (the next one's deductible is reduced).
    public var admissions: Int
    /// Out-of-city referral admissions (counted, never reducing the deductible unless the policy says so).
    public var referralAdmissions: Int
    /// Cumulative in-scope cost (`inscp_scp_amt`), the position on the co-insurance segments.
    public var inscopeCumulative: Money
    /// Deductible consumed per setting (for per-year deductibles).
    public var deductibleConsumed: SettingAmounts
    /// Paid per fund this year (caps).
    public var fundPaid: FundAmounts
    /// Cumulative in-scope self-pay S under the schemes (deductible + co-insurance + layer co-pay).
    public var selfPayCumulative: Money
    /// Cumulative in-scope cost above the pooled cap (shared by the layers).
    public var aboveCapCumulative: Money
    /// Cumulative in-scope cost above the pooled cap that no layer took (B).
    public var beyondLayersCumulative: Money

    public init(yearStart: LocalDate? = nil) {
        self.yearStart = yearStart
        admissions = 0
        referralAdmissions = 0
        inscopeCumulative = .zero
        deductibleConsumed = SettingAmounts()
        fundPaid = FundAmounts()
        selfPayCumulative = .zero
        aboveCapCumulative = .zero
        beyondLayersCumulative = .zero
    }

    enum CodingKeys: String, CodingKey {
        case yearStart = "year_start", admissions, referralAdmissions = "referral_admissions"
        case inscopeCumulative = "inscp_cumulative", deductibleConsumed = "deductible_consumed"
        case fundPaid = "fund_paid", selfPayCumulative = "self_pay_cumulative"
        case aboveCapCumulative = "above_cap_cumulative", beyondLayersCumulative = "beyond_layers_cumulative"
    }

    /// Every figure may be left out (zero), so that a scenario can state only what it knows.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        yearStart = try c.decodeIfPresent(LocalDate.self, forKey: .yearStart)
        admissions = try c.decodeIfPresent(Int.self, forKey: .admissions) ?? 0
        referralAdmissions = try c.decodeIfPresent(Int.self, forKey: .referralAdmissions) ?? 0
        inscopeCumulative = try c.decodeIfPresent(Money.self, forKey: .inscopeCumulative) ?? .zero
        deductibleConsumed = try c.decodeIfPresent(SettingAmounts.self, forKey: .deductibleConsumed) ?? SettingAmounts()
        fundPaid = try c.decodeIfPresent(FundAmounts.self, forKey: .fundPaid) ?? FundAmounts()
        selfPayCumulative = try c.decodeIfPresent(Money.self, forKey: .selfPayCumulative) ?? .zero
        aboveCapCumulative = try c.decodeIfPresent(Money.self, forKey: .aboveCapCumulative) ?? .zero
        beyondLayersCumulative = try c.decodeIfPresent(Money.self, forKey: .beyondLayersCumulative) ?? .zero
    }

    /// Admissions of `setting` before this one.
    @inlinable func priorAdmissions(_ setting: BenefitSetting) -> Int {
        switch setting {
        case .inpatient: return admissions
        case .referral: return referralAdmissions
        default: return 0
        }
    }

    /// Field-wise sum or difference, keeping `self`'s year.
    func combined(with delta: Accumulators, _ op: (Money, Money) -> Money, _ count: (Int, Int) -> Int) -> Accumulators {
        var out = self
        out.admissions = count(admissions, delta.admissions)
        out.referralAdmissions = count(referralAdmissions, delta.referralAdmissions)
        out.inscopeCumulative = op(inscopeCumulative, delta.inscopeCumulative)
        out.deductibleConsumed = SettingAmounts.combine(deductibleConsumed, delta.deductibleConsumed, op)
        out.fundPaid = FundAmounts.combine(fundPaid, delta.fundPaid, op)
        out.selfPayCumulative = op(selfPayCumulative, delta.selfPayCumulative)
        out.aboveCapCumulative = op(aboveCapCumulative, delta.aboveCapCumulative)
        out.beyondLayersCumulative = op(beyondLayersCumulative, delta.beyondLayersCumulative)
        return out
    }

    /// Whether any figure is negative (an invariant breach or a wrong cancel).
    var hasNegative: Bool {
        if admissions < 0 || referralAdmissions < 0 { return true }
        if inscopeCumulative.isNegative || selfPayCumulative.isNegative || aboveCapCumulative.isNegative
            || beyondLayersCumulative.isNegative { return true }
        return FundKind.allCases.contains { fundPaid[$0].isNegative }
            || BenefitSetting.allCases.contains { deductibleConsumed[$0].isNegative }
    }
}
