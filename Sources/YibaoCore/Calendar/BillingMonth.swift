/// A contribution month written `YYYY-MM` (the form bills, rosters and batches store).
public struct BillingMonth: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int

    /// `field` names the input in the error (`month`, `months[2]`).
    public static func parse(_ text: String, field: String = "month") throws(DomainError) -> BillingMonth {
        let parts = text.split(separator: "-")
        guard text.count == 7, parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m), y >= 1900 else {
            throw DomainError(code: "MONTH_FORMAT", message: "月份格式应为 YYYY-MM：\(text)", messageEn: "a month is written YYYY-MM: \(text)",
                              path: field)
        }
        return BillingMonth(year: y, month: m)
    }

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    public var firstDay: LocalDate { LocalDate(year: year, month: month, day: 1)! }
    public var lastDay: LocalDate { LocalDate(year: year, month: month, day: LocalDate.daysIn(year: year, month: month))! }

    /// The month of a day.
    public init(of day: LocalDate) {
        self.init(year: day.year, month: day.month)
    }

    public static func < (a: BillingMonth, b: BillingMonth) -> Bool { (a.year, a.month) < (b.year, b.month) }
    public var description: String { "\(year)-" + (month < 10 ? "0\(month)" : "\(month)") }
}
