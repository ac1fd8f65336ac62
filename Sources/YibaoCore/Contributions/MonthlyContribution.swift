/// One person's contribution for one month (月度应缴): the basic contribution by the first matching rate,
/// plus every matching levy, each share rounded half-up to the fen on its own (so a bill's employer and
/// individual lines are exactly what each payer owes).
public struct MonthlyContribution: Sendable, Equatable {
    /// One line of the bill: the basis it was computed on and the two shares.
    public struct Line: Sendable, Equatable {
        /// nil for the basic contribution, the levy's id otherwise.
        public var levy: String?
        public var base: Money
        public var employer: Money
        public var individual: Money
        public var total: Money { employer + individual }
    }

    public var basic: Line
    public var levies: [Line]

    public var employerTotal: Money { levies.reduce(basic.employer) { $0 + $1.employer } }
    public var individualTotal: Money { levies.reduce(basic.individual) { $0 + $1.individual } }
    public var total: Money { employerTotal + individualTotal }

    /// The month's contribution for a person of `category` holding `statuses`. `base` is the locked base
    /// (needed when the matching rule applies to the declared base); `averageWage` is the year's W.
    public static func compute(category: PersonCategory, statuses: SpecialStatuses = [], onUnemploymentBenefit: Bool = false,
                               base: ContributionBase?, averageWage: Money,
                               policy: ContributionPolicy) throws(DomainError) -> MonthlyContribution {
        func line(_ rate: ContributionRate) throws(DomainError) -> Line {
            // A rate of nothing (retirees) needs no base.
            let amount = rate.employer + rate.individual == .zero ? .zero : try rate.base.resolve(base: base, averageWage: averageWage)
            return Line(levy: rate.id, base: amount, employer: rate.employer.apply(to: amount), individual: rate.individual.apply(to: amount))
        }
        guard let rate = policy.rates.first(where: {
            $0.matches(category: category, statuses: statuses, onUnemploymentBenefit: onUnemploymentBenefit)
        }) else { throw ContributionError.noRate(category) }
        var basic = try line(rate)
        basic.levy = nil
        var levies: [Line] = []
        for levy in policy.levies where levy.matches(category: category, statuses: statuses, onUnemploymentBenefit: onUnemploymentBenefit) {
            levies.append(try line(levy))
        }
        return MonthlyContribution(basic: basic, levies: levies)
    }
}
