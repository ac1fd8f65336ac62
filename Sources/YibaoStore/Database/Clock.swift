import Foundation
import YibaoCore

/// Wall-clock time as stored: milliseconds since 1970 in a BIGINT (the same column type on both databases).
public enum Clock {
    public static func nowMillis() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded())
    }

    /// Today in Beijing time (UTC+8, no daylight saving): the day a request is made on.
    public static func today() -> LocalDate {
        LocalDate(dayNumber: Int32((nowMillis() / 1000 + 8 * 3600) / 86_400))
    }
}
