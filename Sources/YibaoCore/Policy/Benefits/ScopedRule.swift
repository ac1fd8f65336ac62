/// A rule that applies to part of the population and of the care: the optional lists narrow it,
/// an absent list means "any". Lists of rules are read in order and the first match wins, so specific
/// rules are written before general ones.
public protocol ScopedRule {
    var settings: [BenefitSetting]? { get }
    var grades: [InstitutionGrade]? { get }
    var categories: [PersonCategory]? { get }
    /// The person must hold at least one of these statuses.
    var statuses: SpecialStatuses? { get }
}

extension ScopedRule {
    @inlinable public func matches(setting: BenefitSetting, grade: InstitutionGrade,
                                   category: PersonCategory, statuses held: SpecialStatuses) -> Bool {
        if let settings, !settings.contains(setting) { return false }
        if let grades, !grades.contains(where: { $0.covers(grade) }) { return false }
        if let categories, !categories.contains(category) { return false }
        if let statuses, statuses.isDisjoint(with: held) { return false }
        return true
    }
}

/// The first rule of `rules` that matches, with its index for the explanation.
@inlinable func firstMatch<R: ScopedRule>(_ rules: [R], setting: BenefitSetting, grade: InstitutionGrade,
                                          category: PersonCategory, statuses: SpecialStatuses) -> (Int, R)? {
    for i in rules.indices where rules[i].matches(setting: setting, grade: grade, category: category, statuses: statuses) {
        return (i, rules[i])
    }
    return nil
}
