/// A contribution-side rule written for part of the population: `categories` and `statuses` narrow it,
/// an absent list means "any", and the person must hold at least one listed status. Lists of such rules
/// are read in order and the first match wins (except levies, which all apply), as in `benefits`.
public protocol CategoryScoped {
    var categories: [PersonCategory]? { get }
    var statuses: SpecialStatuses? { get }
}

extension CategoryScoped {
    public func matches(category: PersonCategory, statuses held: SpecialStatuses) -> Bool {
        if let categories, !categories.contains(category) { return false }
        if let statuses, statuses.isDisjoint(with: held) { return false }
        return true
    }
}

extension Array where Element: CategoryScoped {
    /// The first rule that matches, with its index (for explanations and error paths).
    public func firstMatch(category: PersonCategory, statuses: SpecialStatuses) -> (index: Int, rule: Element)? {
        for i in indices where self[i].matches(category: category, statuses: statuses) { return (i, self[i]) }
        return nil
    }
}
