extension ContributionBasis {
    /// The monthly amount the basis stands for: the locked base, or the fraction of W/12.
    public func resolve(base: ContributionBase?, averageWage: Money) throws(DomainError) -> Money {
        switch self {
        case .declared:
            guard let base else { throw ContributionError.declaredBaseMissing }
            return base.amount
        case .ofAverageWage(let ratio):
            return ratio.apply(to: ContributionBase.monthlyAverageWage(averageWage))
        }
    }
}
