extension Settlement {
    /// Cancelling this settlement (2208 / 2305): the person's accumulators for the settlement's benefit
    /// year and the account balances exactly as they would be had it never happened.
    ///
    /// `accumulators` are the person's current figures for that benefit year (later settlements may have
    /// added to them); this settlement's `delta` is taken out and its account payments are given back.
    public func cancel(accumulators: Accumulators, account: AccountBalances) throws(DomainError) -> (Accumulators, AccountBalances) {
        guard delta.yearStart == nil || accumulators.yearStart == delta.yearStart else {
            throw DomainError(.conflict, code: "CANCEL_YEAR_MISMATCH",
                              message: "累计数属于另一医保年度（\(accumulators.yearStart?.description ?? "无")），不能撤销 \(benefitYearStart) 年度的结算",
                              messageEn: "the accumulators belong to another benefit year (\(accumulators.yearStart?.description ?? "none")) than the settlement's (\(benefitYearStart))")
        }
        let restored = accumulators.combined(with: delta, -, -)
        guard !restored.hasNegative else {
            throw DomainError(.conflict, code: "CANCEL_UNDERFLOW", message: "撤销后累计数为负，累计数与该结算不一致",
                              messageEn: "cancelling would make an accumulator negative: they do not contain this settlement")
        }
        var balances = account
        balances.firstLevel += acctPayFirstLevel
        balances.secondLevel += acctPaySecondLevel
        return (restored, balances)
    }
}
