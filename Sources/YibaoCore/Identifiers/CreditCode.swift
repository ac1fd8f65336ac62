/// 统一社会信用代码 (GB 32100-2015) of an employer or a designated institution: registration authority (1),
/// organisation category (1), region of the registering authority (6 digits), organisation body (9),
/// check character (1), over the 31-character alphabet `0-9 A-H J-N P-R T U W-Y` (no I O S V Z).
///
/// Checked: length, alphabet, digits in positions 3–8, and the GB 32100 mod-31 check character.
/// Not checked: the GB 11714 organisation-code check hidden in positions 9–17, because codes assigned
/// to individual businesses since 2015 do not carry a meaningful one and a stricter rule would refuse
/// real employers. Nor are the authority and category characters restricted to today's list.
public struct CreditCode: DomainIdentifier, CustomStringConvertible {
    /// All 18 characters, upper-case.
    public let value: String

    private init(validated value: String) { self.value = value }

    static let alphabet: [Unicode.Scalar] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".unicodeScalars)
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// The value of each character (its index in the alphabet), refusing any character outside it.
    /// Lower-case letters are read as upper-case.
    private static func characterValues(_ scalars: some Sequence<Unicode.Scalar>) throws(DomainError) -> [Int] {
        var values: [Int] = []
        for (index, scalar) in scalars.enumerated() {
            guard let value = alphabet.firstIndex(of: upper(scalar)) else {
                throw CreditCodeError.character(scalar, at: index + 1)
            }
            values.append(value)
        }
        return values
    }

    private static func upper(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        ("a"..."z").contains(scalar) ? Unicode.Scalar(scalar.value - 32)! : scalar
    }

    /// 31 − (Σ valueᵢ·weightᵢ mod 31), where 31 becomes 0, as a character of the alphabet.
    static func checkCharacter(_ values: [Int]) -> Unicode.Scalar {
        var sum = 0
        for (v, w) in zip(values, weights) { sum += v * w }
        return alphabet[(31 - sum % 31) % 31]
    }

    public static func parse(_ text: String) throws(DomainError) -> CreditCode {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 18 else { throw CreditCodeError.length(scalars.count) }
        let values = try characterValues(scalars)
        guard values[2..<8].allSatisfy({ $0 < 10 }) else {
            throw CreditCodeError.region(String(String.UnicodeScalarView(scalars[2..<8])))
        }
        let expected = checkCharacter(Array(values.prefix(17)))
        let canonical = String(String.UnicodeScalarView(values.map { alphabet[$0] }))
        guard alphabet[values[17]] == expected else {
            throw CreditCodeError.check(expected: expected, found: alphabet[values[17]])
        }
        return CreditCode(validated: canonical)
    }

    /// Builds a valid code for the synthetic generator and tests: `organisation` is the 9-character body
    /// (positions 9–17); the check character is computed. Defaults: `9` 工商 (market regulation), `1` 企业.
    public static func make(authority: Character = "9", category: Character = "1", region: RegionCode,
                            organisation: String) throws(DomainError) -> CreditCode {
        let body = String(authority) + String(category) + region.value + organisation
        let values = try characterValues(body.unicodeScalars)
        guard values.count == 17 else { throw CreditCodeError.length(values.count + 1) }
        return try parse(body + String(checkCharacter(values)))
    }

    /// 登记管理部门代码: `9` market regulation, `5` civil affairs, `1` staffing office, ...
    public var registrationAuthority: Character { value.first! }
    /// 机构类别代码 (meaning depends on the authority: under `9`, `1` enterprise, `2` individual business ...).
    public var category: Character { value.dropFirst().first! }
    /// Positions 3–8 as printed: the region of the registering authority (`100000` for national bodies).
    public var registrationRegion: String { String(value.dropFirst(2).prefix(6)) }
    /// Positions 3–8 as a region code; `nil` when they name no province (national bodies: `100000`).
    public var regionCode: RegionCode? { try? RegionCode.parse(registrationRegion) }
    /// Positions 9–17: the organisation body (the former 组织机构代码 where one existed).
    public var organisationCode: String { String(value.dropFirst(8).prefix(9)) }

    public var description: String { value }
}

/// The reasons a credit code is refused, one code each.
enum CreditCodeError {
    static func length(_ count: Int) -> DomainError {
        DomainError(code: "CREDIT_CODE_LENGTH",
                    message: "统一社会信用代码应为18位，实为\(count)位",
                    messageEn: "unified social credit code must have 18 characters, got \(count)")
    }
    static func character(_ scalar: Unicode.Scalar, at position: Int) -> DomainError {
        DomainError(code: "CREDIT_CODE_CHARACTER",
                    message: "统一社会信用代码第\(position)位“\(scalar)”无效：只能是数字或除 I、O、S、V、Z 以外的大写字母",
                    messageEn: "unified social credit code character \(position) \"\(scalar)\" is invalid: only digits and capital letters other than I, O, S, V, Z")
    }
    static func region(_ text: String) -> DomainError {
        DomainError(code: "CREDIT_CODE_REGION",
                    message: "统一社会信用代码第3–8位的登记管理机关行政区划码“\(text)”须为6位数字",
                    messageEn: "unified social credit code region \"\(text)\" (characters 3–8) must be 6 digits")
    }
    static func check(expected: Unicode.Scalar, found: Unicode.Scalar) -> DomainError {
        DomainError(code: "CREDIT_CODE_CHECK",
                    message: "统一社会信用代码校验码错误：第18位应为“\(expected)”，实为“\(found)”，请核对代码",
                    messageEn: "unified social credit code check character is wrong: expected \"\(expected)\", found \"\(found)\"; please check the code")
    }
}
