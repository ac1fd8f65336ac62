/// A proportion (报销比例, 费率, 先行自付比例 ...) held exactly as parts per million.
///
/// Written in policy files and JSON as a decimal fraction (`"0.15"`) or a percentage (`"15%"`,
/// `"0.05%"`), with at most six decimal places of the fraction. `apply(to:)` is the one place where
/// money meets a ratio, and it rounds half-up (half away from zero) to the fen.
public struct Ratio: Hashable, Comparable, Sendable, CustomStringConvertible {
    public static let scale: Int64 = 1_000_000
    public var ppm: Int64

    @inlinable public init(ppm: Int64) { self.ppm = ppm }
    /// `Ratio(percent: 15)` is 15%.
    @inlinable public init(percent: Int64) { self.ppm = percent * 10_000 }
    /// `Ratio(basisPoints: 5)` is 0.05%.
    @inlinable public init(basisPoints: Int64) { self.ppm = basisPoints * 100 }

    public static let zero = Ratio(ppm: 0)
    public static let one = Ratio(ppm: scale)

    @inlinable public static func < (a: Ratio, b: Ratio) -> Bool { a.ppm < b.ppm }
    @inlinable public static func + (a: Ratio, b: Ratio) -> Ratio { Ratio(ppm: a.ppm + b.ppm) }
    @inlinable public static func - (a: Ratio, b: Ratio) -> Ratio { Ratio(ppm: a.ppm - b.ppm) }
    /// The complement `1 − self` (e.g. the self-paid share of a fund ratio).
    @inlinable public var complement: Ratio { Ratio(ppm: Ratio.scale - ppm) }

    /// `amount × self`, rounded half away from zero to the fen. Exact for every Int64 amount.
    @inlinable public func apply(to amount: Money) -> Money {
        let negative = (amount.fen < 0) != (ppm < 0)
        let product = amount.fen.magnitude.multipliedFullWidth(by: ppm.magnitude)
        let (q, r) = UInt64(Ratio.scale).dividingFullWidth(product)
        let rounded = r * 2 >= UInt64(Ratio.scale) ? q + 1 : q
        return Money(fen: negative ? -Int64(rounded) : Int64(rounded))
    }

    /// Decimal fraction, trailing zeros trimmed: `"0.15"`, `"1"`, `"0.0005"`.
    public var description: String {
        let negative = ppm < 0
        let m = ppm.magnitude
        var frac = String(m % UInt64(Ratio.scale))
        frac = String(repeating: "0", count: 6 - frac.count) + frac
        while frac.hasSuffix("0") { frac.removeLast() }
        return (negative ? "-" : "") + String(m / UInt64(Ratio.scale)) + (frac.isEmpty ? "" : "." + frac)
    }

    /// Percentage for display: `"15%"`, `"0.05%"`.
    public var percentText: String {
        Ratio(ppm: ppm * 100).description + "%"
    }

    /// Parses `"0.15"`, `"1"`, `"15%"`, `"0.05%"`. Negative values, exponents and more precision
    /// than parts per million are refused.
    public static func parse(_ text: String) throws(DomainError) -> Ratio {
        var body = Substring(text)
        var exponent = 6 // digits of fraction the ppm scale holds
        if body.hasSuffix("%") {
            body = body.dropLast()
            exponent = 4
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count),
              !parts[0].isEmpty, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }),
              parts.count == 1 || (!parts[1].isEmpty && parts[1].allSatisfy({ $0.isASCII && $0.isNumber }))
        else {
            throw DomainError(code: "RATIO_FORMAT", message: "比例格式错误：“\(text)”，应为如 0.15 或 15% 的非负数",
                              messageEn: "ratio \"\(text)\" is not a non-negative number like 0.15 or 15%")
        }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.count <= exponent, parts[0].count <= 9 else {
            throw DomainError(code: "RATIO_PRECISION", message: "比例精度超出百万分之一：“\(text)”",
                              messageEn: "ratio \"\(text)\" is more precise than one part per million or too large")
        }
        let padded = fraction + String(repeating: "0", count: exponent - fraction.count)
        let value = Int64(parts[0])! * Int64(pow10(exponent)) + (padded.isEmpty ? 0 : Int64(padded)!)
        return Ratio(ppm: value)
    }

    private static func pow10(_ n: Int) -> Int64 {
        var v: Int64 = 1
        for _ in 0..<n { v *= 10 }
        return v
    }
}

extension Ratio: Codable {
    /// Ratios are written as strings (`"0.15"`, `"15%"`); bare YAML/JSON numbers are accepted too,
    /// read through their decimal text so no binary float rounding can creep in.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text: String
        if let s = try? container.decode(String.self) {
            text = s
        } else if let i = try? container.decode(Int64.self) {
            text = String(i)
        } else if let d = try? container.decode(Double.self) {
            text = String(d)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "比例须为如 0.15 或 \"15%\" 的值 / ratio must look like 0.15 or \"15%\"")
        }
        do {
            self = try Ratio.parse(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(error.message) / \(error.messageEn)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
