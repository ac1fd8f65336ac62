/// A fee line's catalogue class (收费项目等级, national `chrgitm_lv`): 甲 fully in scope, 乙 in scope
/// after the upfront self-pay share, 丙 and out-of-catalogue fully self-paid.
public enum ListClass: String, Sendable, Codable, CaseIterable {
    case classA = "01"          // 甲类
    case classB = "02"          // 乙类
    case classC = "03"          // 丙类 / 自费
    case outOfCatalogue = "out" // 目录外

    /// The national `chrgitm_lv` code (out-of-catalogue lines are reported as 03, self-paid).
    public var chrgitmLv: String { self == .outOfCatalogue ? "03" : rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        switch text {
        case "01", "1", "甲", "a": self = .classA
        case "02", "2", "乙", "b": self = .classB
        case "03", "3", "丙", "c": self = .classC
        case "out", "目录外", "none": self = .outOfCatalogue
        default:
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "收费项目等级须为 01/02/03/out，实际为“\(text)” / class must be 01, 02, 03 or out, got \"\(text)\"")
        }
    }
}
