import SQLiteKit
import SQLiteNIO

/// Strings and integers to and from `SQLiteData` without SQLiteKit's `Codable` coders.
///
/// Why: nearly every value a statement binds or reads is a `String`, an `Int64` or an `Int` (money is
/// fen, dates are text). SQLiteKit's coders first ask whether the type conforms to
/// `SQLiteDataConvertible`, a conformance look-up in the runtime's tables for every value, and unwrap
/// optionals through a nested `Decoder`; on the settlement path that was some 5 % of the server's CPU.
/// Here the value's type is compared with those few types directly. Every other type, and every value
/// whose storage class differs from what the type reads (an integer read as text, say), goes through
/// SQLiteKit's coders exactly as before, so results do not change.
enum SQLiteValueConversion {
    /// The value to bind, or nil when SQLiteKit's encoder must convert it.
    static func data(_ value: any Encodable) -> SQLiteData? {
        bindable(value)
    }

    private static func bindable<T: Encodable>(_ value: T) -> SQLiteData? {
        if T.self == String.self { return .text(unsafeBitCast(value, to: String.self)) }
        if T.self == Int64.self { return .integer(Int(unsafeBitCast(value, to: Int64.self))) }
        if T.self == Int.self { return .integer(unsafeBitCast(value, to: Int.self)) }
        if T.self == String?.self { return unsafeBitCast(value, to: String?.self).map(SQLiteData.text) ?? .null }
        if T.self == Int64?.self { return unsafeBitCast(value, to: Int64?.self).map { .integer(Int($0)) } ?? .null }
        return nil
    }

    /// Thrown by `value` when SQLiteKit's decoder must convert (or refuse) the value.
    struct NotDirect: Error {}

    /// `data` read as `D`; `NotDirect` when SQLiteKit's decoder must convert it (including to report a
    /// mismatch). It throws rather than returning `D?` because the callers are generic over `D`: an
    /// `Optional<D>` there makes the runtime look up its metadata on every value read.
    static func value<D: Decodable>(_ data: SQLiteData, as type: D.Type) throws(NotDirect) -> D {
        switch data {
        case .text(let text):
            if D.self == String.self { return unsafeBitCast(text, to: D.self) }
            if D.self == String?.self { return unsafeBitCast(String?.some(text), to: D.self) }
        case .integer(let integer):
            if D.self == Int64.self { return unsafeBitCast(Int64(integer), to: D.self) }
            if D.self == Int.self { return unsafeBitCast(integer, to: D.self) }
            if D.self == Int64?.self { return unsafeBitCast(Int64?.some(Int64(integer)), to: D.self) }
            if D.self == Int?.self { return unsafeBitCast(Int?.some(integer), to: D.self) }
        case .null:
            if D.self == String?.self { return unsafeBitCast(String?.none, to: D.self) }
            if D.self == Int64?.self { return unsafeBitCast(Int64?.none, to: D.self) }
            if D.self == Int?.self { return unsafeBitCast(Int?.none, to: D.self) }
        case .float, .blob:
            break
        }
        throw NotDirect()
    }
}
