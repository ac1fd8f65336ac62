/// An amount of renminbi in fen (分), the unit every rule in Yibao is exact to.
///
/// Money never passes through floating point: it is parsed from and printed as a decimal string
/// (`"1234.56"`), as the national interface carries it, and products with ratios round half-up to
/// the fen at the point where they are computed (see `Ratio.apply(to:)`).
public struct Money: Hashable, Comparable, Sendable, AdditiveArithmetic, CustomStringConvertible {
    public var fen: Int64

    @inlinable public init(fen: Int64) { self.fen = fen }
    @inlinable public init(yuan: Int64) { self.fen = yuan * 100 }

    public static let zero = Money(fen: 0)

    @inlinable public static func + (a: Money, b: Money) -> Money { Money(fen: a.fen + b.fen) }
    @inlinable public static func - (a: Money, b: Money) -> Money { Money(fen: a.fen - b.fen) }
    @inlinable public static func += (a: inout Money, b: Money) { a.fen += b.fen }
    @inlinable public static func -= (a: inout Money, b: Money) { a.fen -= b.fen }
    @inlinable public static prefix func - (a: Money) -> Money { Money(fen: -a.fen) }
    @inlinable public static func < (a: Money, b: Money) -> Bool { a.fen < b.fen }
    @inlinable public static func * (a: Money, n: Int64) -> Money { Money(fen: a.fen * n) }

    @inlinable public var isNegative: Bool { fen < 0 }
    @inlinable public var isZero: Bool { fen == 0 }

    @inlinable public static func min(_ a: Money, _ b: Money) -> Money { a.fen <= b.fen ? a : b }
    @inlinable public static func max(_ a: Money, _ b: Money) -> Money { a.fen >= b.fen ? a : b }

    /// `self` limited to `0...limit` (a negative limit counts as zero).
    @inlinable public func clamped(to limit: Money) -> Money {
        Money(fen: Swift.max(0, Swift.min(fen, Swift.max(0, limit.fen))))
    }

    /// Decimal string with exactly two decimals: `"1234.56"`, `"-0.05"`, `"0.00"`.
    public var description: String {
        let negative = fen < 0
        let magnitude = fen.magnitude
        let yuan = magnitude / 100
        let cents = magnitude % 100
        return (negative ? "-" : "") + String(yuan) + "." + (cents < 10 ? "0" : "") + String(cents)
    }

    /// Decimal string with thousands separators for display: `"1,234,567.89"`.
    public var grouped: String {
        let plain = description
        let negative = plain.hasPrefix("-")
        let digits = negative ? plain.dropFirst() : Substring(plain)
        let dot = digits.firstIndex(of: ".")!
        let integer = Array(digits[..<dot])
        var out = ""
        for (i, c) in integer.enumerated() {
            if i > 0 && (integer.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (negative ? "-" : "") + out + digits[dot...]
    }
}
