/// The funds that pay part of a settlement, named by the national settlement field each one fills.
public enum FundKind: String, Sendable, Codable, CaseIterable, CodingKey {
    case hifp      // 统筹基金 (pooled fund)
    case hifmi     // 居民大病保险
    case hifob     // 职工大额医疗费用补助 / 大病统筹
    case cvlserv   // 公务员医疗补助
    case hifes     // 企业/补充医疗保险
    case maf       // 医疗救助
    case oth       // 其他 (困难补助, 离休/伤残军人保障 ...)

    var nameZh: String {
        switch self {
        case .hifp: return "统筹基金"
        case .hifmi: return "居民大病保险"
        case .hifob: return "大额医疗补助"
        case .cvlserv: return "公务员医疗补助"
        case .hifes: return "补充医疗保险"
        case .maf: return "医疗救助"
        case .oth: return "其他基金"
        }
    }

    var nameEn: String {
        switch self {
        case .hifp: return "pooled fund"
        case .hifmi: return "resident serious-illness insurance"
        case .hifob: return "large-amount / serious-illness fund"
        case .cvlserv: return "civil-servant subsidy"
        case .hifes: return "supplementary insurance"
        case .maf: return "medical assistance"
        case .oth: return "other fund"
        }
    }
}
