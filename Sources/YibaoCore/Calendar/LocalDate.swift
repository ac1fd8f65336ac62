/// A calendar date without time or zone (`2025-03-01`), as every rule in the domain is stated in days.
///
/// Held as the count of days since 1970-01-01 so that day arithmetic (late fees, waiting periods,
/// lengths of stay) is integer subtraction; the civil conversion is Howard Hinnant's algorithm.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before).
    public var dayNumber: Int32

    @inlinable public init(dayNumber: Int32) { self.dayNumber = dayNumber }

    /// Builds a date; `nil` when the day does not exist (2025-02-29).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...LocalDate.daysIn(year: year, month: month)).contains(day) else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        self.dayNumber = Int32(era * 146_097 + doe - 719_468)
    }

    public var components: (year: Int, month: Int, day: Int) {
        let z = Int(dayNumber) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    public var year: Int { components.year }
    public var month: Int { components.month }
    public var day: Int { components.day }

    @inlinable public static func < (a: LocalDate, b: LocalDate) -> Bool { a.dayNumber < b.dayNumber }

    @inlinable public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + Int32(days)) }

    /// Same day `months` later, clamped to the month's last day (2025-01-31 + 1 month = 2025-02-28).
    public func adding(months: Int) -> LocalDate {
        let (y, m, d) = components
        let total = y * 12 + (m - 1) + months
        let ny = total / 12, nm = total % 12 + 1
        return LocalDate(year: ny, month: nm, day: min(d, LocalDate.daysIn(year: ny, month: nm)))!
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    @inlinable public func days(until other: LocalDate) -> Int { Int(other.dayNumber - dayNumber) }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `"2025-03-01"`.
    public var description: String {
        let (y, m, d) = components
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let year = String(y)
        return String(repeating: "0", count: max(0, 4 - year.count)) + year + "-" + two(m) + "-" + two(d)
    }

    /// Parses exactly `YYYY-MM-DD`; an impossible day is refused with the reason.
    public static func parse(_ text: String) throws(DomainError) -> LocalDate {
        let u = Array(text.utf8)
        func digits(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                guard u[i] >= 48, u[i] <= 57 else { return nil }
                v = v * 10 + Int(u[i] - 48)
            }
            return v
        }
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"),
              let y = digits(0..<4), let m = digits(5..<7), let d = digits(8..<10) else {
            throw DomainError(code: "DATE_FORMAT", message: "日期格式错误：“\(text)”，应为 YYYY-MM-DD",
                              messageEn: "date \"\(text)\" is not in the form YYYY-MM-DD")
        }
        guard let date = LocalDate(year: y, month: m, day: d) else {
            throw DomainError(code: "DATE_INVALID", message: "日期不存在：“\(text)”",
                              messageEn: "date \"\(text)\" does not exist")
        }
        return date
    }
}

extension LocalDate: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try LocalDate.parse(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(error.message) / \(error.messageEn)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
