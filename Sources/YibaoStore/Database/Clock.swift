import Foundation

/// Wall-clock time as stored: milliseconds since 1970 in a BIGINT (the same column type on both databases).
public enum Clock {
    public static func nowMillis() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded())
    }
}
