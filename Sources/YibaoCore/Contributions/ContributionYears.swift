/// The contribution-years check at retirement (004 L15, Xiamen L129): months paid against the minimum
/// for the person's sex, and the lump-sum top-up for the months missing.
public struct ContributionYears: Sendable, Equatable {
    public var paidMonths: Int
    public var requiredMonths: Int
    public var shortMonths: Int { Swift.max(0, requiredMonths - paidMonths) }
    public var meetsMinimum: Bool { shortMonths == 0 }
    /// The top-up for one missing month (rate × base, rounded half-up), and for all of them.
    public var topUpPerMonth: Money
    public var topUp: Money { topUpPerMonth * Int64(shortMonths) }

    /// Checks `paidMonths` (whole months of contributions in the scheme, transfers included) at retirement.
    /// `base` is the person's last locked base, needed when the top-up applies to the declared base.
    public static func atRetirement(paidMonths: Int, sex: Sex, base: ContributionBase?, averageWage: Money,
                                    policy: ContributionPolicy) throws(DomainError) -> ContributionYears {
        guard let rule = policy.contributionYears else { throw ContributionError.noYearsRule }
        let required = rule.minimumYears(for: sex) * 12
        var perMonth = Money.zero
        if let topUp = rule.topUp, paidMonths < required {
            let amount = try topUp.base.resolve(base: base, averageWage: averageWage)
            perMonth = topUp.rate.apply(to: amount)
        }
        return ContributionYears(paidMonths: paidMonths, requiredMonths: required, topUpPerMonth: perMonth)
    }
}
