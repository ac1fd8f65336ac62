/// 起付线: the in-scope cost the person bears before a fund shares it.
///
/// `per: admission` charges it for each encounter, less `repeat_reduction` for each earlier admission
/// of the same setting in the benefit year, never below `floor` (Benxi: 200/300/500, −100 each, floor 100;
/// referral 600 with no reduction). `per: year` charges it once per benefit year and setting
/// (Benxi special-disease outpatient 400 per year).
public struct DeductibleRule: ScopedRule, Codable, Sendable, Equatable {
    public enum Period: String, Codable, Sendable { case admission, year }

    public var settings: [BenefitSetting]?
    public var grades: [InstitutionGrade]?
    public var categories: [PersonCategory]?
    public var statuses: SpecialStatuses?
    public var amount: PolicyAmount
    public var per: Period
    public var repeatReduction: PolicyAmount?
    public var floor: PolicyAmount?

    enum CodingKeys: String, CodingKey {
        case settings, grades, categories, statuses, amount, per
        case repeatReduction = "repeat_reduction", floor
    }

    /// The deductible due for this encounter given the earlier admissions of the setting and what was
    /// already consumed this year.
    @inlinable func due(priorAdmissions: Int, consumedThisYear: Money, averageWage: Money) -> Money {
        let nominal = amount.resolve(averageWage)
        switch per {
        case .year:
            return Money.max(.zero, nominal - consumedThisYear)
        case .admission:
            guard let reduction = repeatReduction?.resolve(averageWage), priorAdmissions > 0 else { return nominal }
            let lowest = Money.min(nominal, floor?.resolve(averageWage) ?? .zero)
            return Money.max(lowest, nominal - reduction * Int64(priorAdmissions))
        }
    }
}
