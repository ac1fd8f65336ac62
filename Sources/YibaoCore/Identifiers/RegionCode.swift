/// 行政区划代码 (`admdvs`, GB/T 2260): six digits, province · city · county two by two (`210502` is
/// 平山区 of 本溪市 of 辽宁省). Every fund, policy, record and user belongs to one.
///
/// Only the shape is checked (six digits, province part 11–82), not membership in the current GB/T 2260
/// list: codes are abolished and re-used over the years, and old records must keep their code.
public struct RegionCode: DomainIdentifier, CustomStringConvertible {
    public enum Level: String, Sendable, Codable {
        case province   // ××0000
        case city       // ××××00 (also 市辖区 of a municipality: 110100)
        case county     // anything else
    }

    /// Six ASCII digits.
    public let value: String

    /// For text already known to be six digits with a valid province part.
    init(unchecked value: String) { self.value = value }

    public static func parse(_ text: String) throws(DomainError) -> RegionCode {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 6, scalars.allSatisfy({ $0.asciiDigit != nil }) else {
            throw DomainError(code: "REGION_FORMAT",
                              message: "行政区划代码“\(text)”格式错误，应为6位数字（如 210502）",
                              messageEn: "region code \"\(text)\" must be 6 digits (like 210502)")
        }
        let province = scalars[0].asciiDigit! * 10 + scalars[1].asciiDigit!
        guard (11...82).contains(province) else {
            throw DomainError(code: "REGION_PROVINCE",
                              message: "行政区划代码“\(text)”的省级代码 \(text.prefix(2)) 不存在（应在 11–82 之间）",
                              messageEn: "region code \"\(text)\" has no province \(text.prefix(2)) (must be 11–82)")
        }
        return RegionCode(unchecked: text)
    }

    public var level: Level {
        if value.hasSuffix("0000") { return .province }
        if value.hasSuffix("00") { return .city }
        return .county
    }

    /// The province-level code (`210000` for `210502`).
    public var province: RegionCode { RegionCode(unchecked: String(value.prefix(2)) + "0000") }

    /// The city-level code (`210500` for `210502`, itself for a city); `nil` for a province.
    /// For a county administered directly by its province (济源 419001) this is a prefix (`419000`), not a real city.
    public var city: RegionCode? {
        level == .province ? nil : RegionCode(unchecked: String(value.prefix(4)) + "00")
    }

    /// The digits every code within this region begins with (`contains`), for a `LIKE 'prefix%'`.
    public var withinPrefix: String {
        switch level {
        case .province: String(value.prefix(2))
        case .city: String(value.prefix(4))
        case .county: value
        }
    }

    /// Whether `other` is this region or lies below it by prefix: a province contains every code that
    /// starts with its two digits, a city every code with its four, a county only itself.
    public func contains(_ other: RegionCode) -> Bool {
        switch level {
        case .province: other.value.prefix(2) == value.prefix(2)
        case .city: other.value.prefix(4) == value.prefix(4)
        case .county: other.value == value
        }
    }

    public var description: String { value }
}
