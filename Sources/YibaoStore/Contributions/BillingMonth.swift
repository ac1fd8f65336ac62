import YibaoCore

/// A contribution month written `YYYY-MM` (the form bills, rosters and batches store).
public struct BillingMonth: Sendable, Hashable, CustomStringConvertible {
    public var year: Int
    public var month: Int

    public static func parse(_ text: String) throws(DomainError) -> BillingMonth {
        let parts = text.split(separator: "-")
        guard text.count == 7, parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m), y >= 1900 else {
            throw DomainError(code: "MONTH_FORMAT", message: "月份格式应为 YYYY-MM：\(text)", messageEn: "a month is written YYYY-MM: \(text)",
                              path: "month")
        }
        return BillingMonth(year: y, month: m)
    }

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    public var firstDay: LocalDate { LocalDate(year: year, month: month, day: 1)! }
    public var description: String { "\(year)-" + (month < 10 ? "0\(month)" : "\(month)") }
}
