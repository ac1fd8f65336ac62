import Foundation
import YibaoCore

/// Values as the national interface writes them, read strictly: a JSON number or string, never a
/// float on the way to fen. Each failure names itself in "中文 / English" so `DecodingProblem` reports
/// it with its field path.
enum HISText {
    /// The literal text of a JSON string or number (numbers go through `Decimal`, which keeps every digit).
    static func literal(_ decoder: any Decoder) throws -> String {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) { return text.trimmingSpaces }
        if let number = try? container.decode(Decimal.self) { return "\(number)" }
        throw DecodingError.dataCorruptedError(in: container, debugDescription: "须为数字或字符串 / must be a number or a string")
    }

    static func fail(_ decoder: any Decoder, _ zh: String, _ en: String) -> DecodingError {
        DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(zh) / \(en)"))
    }
}

extension String {
    /// Without leading and trailing tabs and spaces, the ideographic space (U+3000) among them: what
    /// `trimmingCharacters(in: .whitespaces)` removes (tab, Unicode's space separators and the
    /// zero-width space), without its round trip through `NSString`, which was 3 % of the server's CPU
    /// when every HIS field went through it.
    var trimmingSpaces: String {
        guard let first = utf8.first, let last = utf8.last, Self.mayBeSpace(first) || Self.mayBeSpace(last) else { return self }
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !Self.isSpace($0) }),
              let end = scalars.lastIndex(where: { !Self.isSpace($0) }) else { return "" }
        return String(scalars[start...end])
    }

    /// Whether a text's first or last byte may belong to a space: a tab, a space, or any byte of a
    /// multi-byte scalar (a non-ASCII scalar may be a space separator).
    private static func mayBeSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte >= 0x80 }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || scalar == "\u{200B}" || scalar.properties.generalCategory == .spaceSeparator
    }
}

/// A non-negative amount with at most two decimals (`det_item_fee_sumamt`, `pric`, `medfee_sumamt`),
/// at most `limit`: far above any real bill, and low enough that no sum or ratio of them can overflow.
struct HISAmount: Decodable, Sendable {
    static let limit = Money(fen: 9_999_999_999)
    var money: Money
    init(from decoder: any Decoder) throws {
        let text = try HISText.literal(decoder)
        do { money = try Money.parseNonNegative(text) } catch {
            throw HISText.fail(decoder, error.message, error.messageEn)
        }
        guard money <= Self.limit else {
            throw HISText.fail(decoder, "金额超过上限 \(Self.limit)：\(text)", "amount exceeds the limit \(Self.limit): \(text)")
        }
    }
}

/// A positive count with at most four decimals (`cnt`), kept in ten-thousandths.
struct HISCount: Decodable, Sendable {
    var e4: Int64
    init(from decoder: any Decoder) throws {
        let text = try HISText.literal(decoder)
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int64(parts[0]), whole >= 0, whole < 100_000_000,
              parts.count == 1 || (1...4).contains(parts[1].count) && parts[1].allSatisfy(\.isASCII) && Int64(parts[1]) != nil else {
            throw HISText.fail(decoder, "数量须为正数，最多 4 位小数：“\(text)”", "cnt must be a positive number with at most 4 decimals: \"\(text)\"")
        }
        let fraction = parts.count == 2 ? Int64(parts[1].padding(toLength: 4, withPad: "0", startingAt: 0))! : 0
        e4 = whole * 10_000 + fraction
        guard e4 > 0 else { throw HISText.fail(decoder, "数量须大于零", "cnt must be greater than zero") }
    }

    static func format(_ e4: Int64) -> String {
        let whole = e4 / 10_000, fraction = e4 % 10_000
        guard fraction != 0 else { return String(whole) }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 4 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }
}

/// An id the platform issued (`psn_no`, `mdtrt_id`, `setl_id`): digits, as a string or a number.
struct HISID: Decodable, Sendable {
    var value: Int64
    init(from decoder: any Decoder) throws {
        let text = try HISText.literal(decoder)
        guard let value = Int64(text), value > 0 else {
            throw HISText.fail(decoder, "编号须为平台返回的数字编号：“\(text)”", "must be a numeric id issued by the platform: \"\(text)\"")
        }
        self.value = value
    }
}

/// A date or date-time (`2026-11-20` or `2026-11-20 09:30:00`); the day is what settlement uses.
struct HISDate: Decodable, Sendable {
    var date: LocalDate
    init(from decoder: any Decoder) throws {
        let text = try HISText.literal(decoder)
        guard text.count == 10 || text.count == 19 else {
            throw HISText.fail(decoder, "日期须为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM:SS：“\(text)”", "date must be YYYY-MM-DD or YYYY-MM-DD HH:MM:SS: \"\(text)\"")
        }
        do { date = try LocalDate.parse(String(text.prefix(10))) } catch {
            throw HISText.fail(decoder, error.message, error.messageEn)
        }
    }
}
