import YibaoCore

/// Where a policy settles cross-year admissions at the turn of the benefit year (`split_at_year_end`),
/// the hospital settles the old year's part on its last day and re-admits the patient (domain guide
/// §4.9). A bill that still mixes both years is refused with that instruction rather than settled
/// under one year's accumulators.
enum CrossYearRule {
    static func check(policy: BenefitPolicy, setting: BenefitSetting, settlementDate: LocalDate,
                      feeDates: [LocalDate]) throws(DomainError) {
        guard policy.crossYear == .splitAtYearEnd, setting.isAdmission, let earliest = feeDates.min() else { return }
        let yearStart = policy.benefitYear.start(containing: settlementDate)
        guard earliest < yearStart else { return }
        let lastDay = yearStart.adding(days: -1)
        throw SettlementError.state(
            "CROSS_YEAR_SPLIT",
            "本统筹区跨年度住院须在 \(lastDay) 按上一年度结算后重新办理入院：本次费用含 \(earliest) 至 \(lastDay) 的明细",
            "this region settles cross-year admissions at the year end: settle the fees up to \(lastDay) under the old year, then re-admit (fees from \(earliest) are included)",
            path: "feedetail")
    }
}
