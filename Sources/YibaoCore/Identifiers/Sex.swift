/// Sex as the identity number records it (odd 17th digit = male): it decides sex-restricted items in
/// audit rules and the minimum contribution years at retirement (men 30, women 25).
public enum Sex: String, Sendable, Codable, CaseIterable {
    case male
    case female

    public var displayName: String { self == .male ? "男" : "女" }
    public var displayNameEn: String { self == .male ? "male" : "female" }
}
