/// 公民身份号码 (GB 11643-1999): 6-digit region where first registered, birth date `YYYYMMDD`, 3-digit
/// sequence (odd last digit = male), and an ISO 7064 MOD 11-2 check character (`0`–`9` or `X`).
///
/// The person's identity in every scheme, so it is validated completely on entry. `description` is the
/// masked form on purpose: interpolating a number into a log line or a list can never leak it; the full
/// number is `value`, and `Authorization.identityText(_:for:)` decides who may see it.
public struct IdentityNumber: DomainIdentifier, CustomStringConvertible {
    /// All 18 characters, check character upper-case.
    public let value: String

    private init(validated value: String) { self.value = value }

    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]
    static let earliestBirth = LocalDate(year: 1900, month: 1, day: 1)!

    /// The check character for the first 17 digits: Σ digitᵢ·weightᵢ mod 11 indexes `1 0 X 9 8 7 6 5 4 3 2`.
    static func checkCharacter(_ digits: [Int]) -> Character {
        var sum = 0
        for (d, w) in zip(digits, weights) { sum += d * w }
        return checkCharacters[sum % 11]
    }

    /// Accepts exactly 18 characters; a lower-case `x` is read as `X`. No spaces are trimmed.
    public static func parse(_ text: String) throws(DomainError) -> IdentityNumber {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 18 else { throw IdentityNumberError.length(scalars.count) }
        var digits: [Int] = []
        digits.reserveCapacity(17)
        for (index, scalar) in scalars.prefix(17).enumerated() {
            guard let digit = scalar.asciiDigit else { throw IdentityNumberError.character(scalar, at: index + 1) }
            digits.append(digit)
        }
        let last = scalars[17]
        let found: Character
        if let digit = last.asciiDigit {
            found = Character(String(digit))
        } else if last == "X" || last == "x" {
            found = "X"
        } else {
            throw IdentityNumberError.character(last, at: 18)
        }
        let body = String(String.UnicodeScalarView(scalars.prefix(17)))
        guard (try? RegionCode.parse(String(body.prefix(6)))) != nil else {
            throw IdentityNumberError.region(String(body.prefix(6)))
        }
        let year = digits[6] * 1000 + digits[7] * 100 + digits[8] * 10 + digits[9]
        let month = digits[10] * 10 + digits[11]
        let day = digits[12] * 10 + digits[13]
        let birthText = String(body.dropFirst(6).prefix(8))
        guard let birth = LocalDate(year: year, month: month, day: day) else {
            throw IdentityNumberError.birthDateMissing(birthText)
        }
        guard birth >= earliestBirth else { throw IdentityNumberError.birthDateTooEarly(birthText) }
        let expected = checkCharacter(digits)
        guard expected == found else { throw IdentityNumberError.check(expected: expected, found: found) }
        return IdentityNumber(validated: body + String(found))
    }

    /// Builds the number a person with these facts would carry, computing the check character (for tests and
    /// the synthetic generator). `sequence` is the 3-digit 顺序码 (0...999); its last digit must be odd for a
    /// man and even for a woman.
    public static func make(region: RegionCode, birthDate: LocalDate, sequence: Int, sex: Sex) throws(DomainError) -> IdentityNumber {
        guard (0...999).contains(sequence) else { throw IdentityNumberError.sequenceRange(sequence) }
        guard (sequence % 2 == 1) == (sex == .male) else { throw IdentityNumberError.sequenceSex(sequence, sex) }
        let sequenceText = String(sequence)
        let body = region.value
            + birthDate.description.filter { $0 != "-" }
            + String(repeating: "0", count: 3 - sequenceText.count) + sequenceText
        let digits = body.unicodeScalars.compactMap(\.asciiDigit)
        return try parse(body + String(checkCharacter(digits)))
    }

    private func digit(_ offset: Int) -> Int {
        Int(value.utf8[value.utf8.index(value.utf8.startIndex, offsetBy: offset)] - UInt8(ascii: "0"))
    }

    private func number(_ offset: Int, _ length: Int) -> Int {
        (offset..<offset + length).reduce(0) { $0 * 10 + digit($1) }
    }

    /// The region code of first registration (not necessarily where the person is insured now).
    public var regionCode: RegionCode { RegionCode(unchecked: String(value.prefix(6))) }

    public var birthDate: LocalDate { LocalDate(year: number(6, 4), month: number(10, 2), day: number(12, 2))! }

    public var sex: Sex { digit(16) % 2 == 1 ? .male : .female }

    /// `210502********1234`: region and last four kept, birth date and sequence hidden.
    public var masked: String { String(value.prefix(6)) + String(repeating: "*", count: 8) + String(value.suffix(4)) }

    public var description: String { masked }

    /// Age in whole years (周岁) on `date`. A 29 February birthday is reached on 1 March in common years.
    /// Negative when `date` precedes the birth.
    public func age(on date: LocalDate) -> Int {
        let birth = birthDate.components
        let on = date.components
        let birthdayReached = (on.month, on.day) >= (birth.month, birth.day)
        return on.year - birth.year - (birthdayReached ? 0 : 1)
    }

    /// Age on 31 December of `year`: resident premiums and categories are decided on that day
    /// (003 篇5 R2–R13), so everyone born in the same year has the same age for that year.
    public func ageAtYearEnd(_ year: Int) -> Int { year - birthDate.year }
}

/// The reasons an identity number is refused, one code each.
enum IdentityNumberError {
    static func length(_ count: Int) -> DomainError {
        DomainError(code: "ID_NUMBER_LENGTH",
                    message: "身份证号码应为18位，实为\(count)位（15位旧号码须先升级为18位）",
                    messageEn: "identity number must have 18 characters, got \(count) (15-digit old numbers must be upgraded to 18 digits first)")
    }
    static func character(_ scalar: Unicode.Scalar, at position: Int) -> DomainError {
        DomainError(code: "ID_NUMBER_CHARACTER",
                    message: "身份证号码第\(position)位“\(scalar)”无效：前17位须为数字，第18位为数字或X",
                    messageEn: "identity number character \(position) \"\(scalar)\" is invalid: the first 17 must be digits, the 18th a digit or X")
    }
    static func region(_ code: String) -> DomainError {
        DomainError(code: "ID_NUMBER_REGION",
                    message: "身份证号码前6位“\(code)”不是有效的行政区划代码（省级代码应在 11–82 之间）",
                    messageEn: "identity number region \"\(code)\" is not a valid region code (province part must be 11–82)")
    }
    static func birthDateMissing(_ text: String) -> DomainError {
        DomainError(code: "ID_NUMBER_BIRTH_DATE",
                    message: "身份证号码第7–14位的出生日期“\(text)”不存在",
                    messageEn: "identity number birth date \"\(text)\" (characters 7–14) does not exist")
    }
    static func birthDateTooEarly(_ text: String) -> DomainError {
        DomainError(code: "ID_NUMBER_BIRTH_DATE",
                    message: "身份证号码第7–14位的出生日期“\(text)”早于1900年1月1日",
                    messageEn: "identity number birth date \"\(text)\" (characters 7–14) is before 1900-01-01")
    }
    static func check(expected: Character, found: Character) -> DomainError {
        DomainError(code: "ID_NUMBER_CHECK",
                    message: "身份证号码校验码错误：第18位应为“\(expected)”，实为“\(found)”，请核对号码",
                    messageEn: "identity number check character is wrong: expected \"\(expected)\", found \"\(found)\"; please check the number")
    }
    static func sequenceRange(_ sequence: Int) -> DomainError {
        DomainError(code: "ID_NUMBER_SEQUENCE",
                    message: "身份证号码顺序码 \(sequence) 超出 0–999",
                    messageEn: "identity number sequence \(sequence) is outside 0–999")
    }
    static func sequenceSex(_ sequence: Int, _ sex: Sex) -> DomainError {
        DomainError(code: "ID_NUMBER_SEQUENCE",
                    message: "身份证号码顺序码 \(sequence) 的奇偶与性别“\(sex.displayName)”不符（男为奇数，女为偶数）",
                    messageEn: "identity number sequence \(sequence) does not match sex \(sex.displayNameEn) (odd for male, even for female)")
    }
}
