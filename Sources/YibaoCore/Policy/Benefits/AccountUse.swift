/// What the personal account may pay (004 L19, L23; Xiamen L97): the first level pays first, then
/// the second level, each only in its settings and only for the parts of the person's share it lists.
public struct AccountUse: Codable, Sendable, Equatable {
    /// Parts of the person's share, in the order an account consumes them.
    public enum Part: String, Codable, Sendable, CaseIterable {
        case deductible, preselfpay, coinsurance
        case beyondLayers = "beyond_layers"
        case overLimit = "over_limit"
        case fullySelfPaid = "fully_self_paid"
    }

    /// In these settings, the level may pay these parts.
    public struct Use: Codable, Sendable, Equatable {
        public var settings: [BenefitSetting]
        public var pays: [Part]
    }

    /// Uses of each level; the first whose settings include the encounter's applies.
    public var firstLevel: [Use]?
    public var secondLevel: [Use]?

    /// What `level` may pay in `setting` (nil: nothing).
    func use(_ level: [Use]?, in setting: BenefitSetting) -> Use? {
        level?.first { $0.settings.contains(setting) }
    }

    enum CodingKeys: String, CodingKey { case firstLevel = "first_level", secondLevel = "second_level" }
}
