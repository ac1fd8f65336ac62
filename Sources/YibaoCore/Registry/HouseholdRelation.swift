/// A member's place in a resident household (与户主关系): one `head` per household.
public enum HouseholdRelation: String, Sendable, Codable, CaseIterable {
    case head       // 户主
    case spouse     // 配偶
    case child      // 子女
    case parent     // 父母
    case other      // 其他

    /// Parses a relation named in a request, refusing anything else with the field `path`.
    public static func parse(_ text: String, path: String) throws(DomainError) -> HouseholdRelation {
        guard let relation = HouseholdRelation(rawValue: text) else {
            throw DomainError(code: "RELATION_INVALID", message: "与户主关系应为 head / spouse / child / parent / other：“\(text)”",
                              messageEn: "relation must be head, spouse, child, parent or other: \"\(text)\"", path: path)
        }
        return relation
    }
}
