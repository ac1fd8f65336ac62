/// Why an encounter may fall outside the scheme (Benxi F8.7). The policy lists the reasons it
/// excludes; an encounter carrying one of them gets no fund payment and the explanation names it.
public enum ExclusionReason: String, Codable, Sendable, CaseIterable {
    case abroad                                       // 境外/港澳台
    case nonDesignated = "non_designated"             // 非定点且未经批准
    case referralMismatch = "referral_mismatch"       // 与转诊内容不符
    case selfHarm = "self_harm"                       // 自杀自残（精神病除外）
    case fightingOrCrime = "fighting_or_crime"        // 斗殴、酗酒、吸毒、违法犯罪
    case thirdParty = "third_party"                   // 第三方责任（交通、意外、医疗事故）
    case familyPlanning = "family_planning"           // 计划生育、分娩等
    case otherViolation = "other_violation"

    var nameZh: String {
        switch self {
        case .abroad: return "境外就医"
        case .nonDesignated: return "非定点机构且未经批准"
        case .referralMismatch: return "与转诊内容不符"
        case .selfHarm: return "自杀自残"
        case .fightingOrCrime: return "斗殴、酗酒、吸毒或违法犯罪"
        case .thirdParty: return "应由第三方负担"
        case .familyPlanning: return "计划生育相关"
        case .otherViolation: return "其他违规"
        }
    }
}
