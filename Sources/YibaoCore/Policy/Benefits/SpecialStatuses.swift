/// Special statuses a person may hold on top of the category (domain guide §2), as a bit set so that
/// matching a rule on the settlement path costs no allocation. Written in files as a list of names.
public struct SpecialStatuses: OptionSet, Sendable, Hashable, Codable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let lixiu = SpecialStatuses(rawValue: 1 << 0)               // 离休
    public static let disabledServiceman = SpecialStatuses(rawValue: 1 << 1)  // 1–6 级残疾军人
    public static let civilServant = SpecialStatuses(rawValue: 1 << 2)        // 公务员
    public static let dibao = SpecialStatuses(rawValue: 1 << 3)               // 低保
    public static let nearDibao = SpecialStatuses(rawValue: 1 << 4)           // 低保边缘
    public static let severelyDisabled = SpecialStatuses(rawValue: 1 << 5)    // 重度残疾
    public static let lowPensionRetiree = SpecialStatuses(rawValue: 1 << 6)   // 低退休金退休人员
    public static let assistance = SpecialStatuses(rawValue: 1 << 7)          // 医疗救助对象

    /// File names of the statuses, in bit order.
    public static let names: [(String, SpecialStatuses)] = [
        ("lixiu", .lixiu), ("disabled_serviceman", .disabledServiceman), ("civil_servant", .civilServant),
        ("dibao", .dibao), ("near_dibao", .nearDibao), ("severely_disabled", .severelyDisabled),
        ("low_pension_retiree", .lowPensionRetiree), ("assistance", .assistance),
    ]

    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        var set = SpecialStatuses()
        while !container.isAtEnd {
            let name = try container.decode(String.self)
            guard let entry = SpecialStatuses.names.first(where: { $0.0 == name }) else {
                throw DecodingError.dataCorruptedError(
                    in: container,
                    debugDescription: "未知的特殊身份“\(name)” / unknown special status \"\(name)\"; known: "
                        + SpecialStatuses.names.map(\.0).joined(separator: ", "))
            }
            set.insert(entry.1)
        }
        self = set
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        for (name, status) in SpecialStatuses.names where contains(status) {
            try container.encode(name)
        }
    }
}
