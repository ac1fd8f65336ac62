/// Late fees on arrears (滞纳金, 002 L27): a daily rate on the unpaid principal from a start rule.
/// The seeds give no rate; the Social Insurance Law's 0.05% a day is the usual value.
public struct LateFeeRule: Codable, Sendable, Equatable {
    /// When the fee starts, relative to the due date.
    public enum Start: String, Codable, Sendable {
        /// From the day after the due date (Social Insurance Law art. 86: from the day the arrears arise).
        case dayAfterDue = "day_after_due"
        /// From the first day of the month after the due date's month (002 L27: "从次月起按日加收").
        case nextMonth = "next_month"
    }

    /// When a back-paid month (补缴) falls due, which decides whence its late fee runs. The seeds say nothing
    /// of fees on back-payments; the Social Insurance Law charges an employer "自欠缴之日起" (art. 86), while a
    /// person paying alone is no 用人单位 and local rules differ: a parameter for each kind of payer.
    public enum BackPaymentDue: String, Codable, Sendable {
        /// On the month's ordinary due date: the debt is owed, and the fee runs, since then.
        case monthDue = "month_due"
        /// On the day the back-payment is approved: no fee for the past, one only if it is then paid late.
        case approval
    }

    /// `back_payment_due`: for months an employer back-pays with its employee, and months a person paying
    /// alone (flexible employment, business owners) back-pays.
    public struct BackPaymentDues: Codable, Sendable, Equatable {
        public var employer: BackPaymentDue
        public var alone: BackPaymentDue

        public init(employer: BackPaymentDue, alone: BackPaymentDue) {
            self.employer = employer
            self.alone = alone
        }
    }

    public var dailyRate: Ratio
    /// Contributions for month M are due on this day of month M+1 (clamped to the month's last day).
    public var dueDay: Int
    public var start: Start
    /// When true the fee never exceeds the principal (行政强制法 art. 45 caps 加处罚款 and 滞纳金 so).
    public var capAtPrincipal: Bool
    /// Absent from a document: both `month_due`, the month's own due date (as residents' back-paid years keep theirs).
    public var backPaymentDue: BackPaymentDues

    public init(dailyRate: Ratio, dueDay: Int, start: Start, capAtPrincipal: Bool = false,
                backPaymentDue: BackPaymentDues = BackPaymentDues(employer: .monthDue, alone: .monthDue)) {
        self.dailyRate = dailyRate
        self.dueDay = dueDay
        self.start = start
        self.capAtPrincipal = capAtPrincipal
        self.backPaymentDue = backPaymentDue
    }

    enum CodingKeys: String, CodingKey {
        case dailyRate = "daily_rate", dueDay = "due_day", start, capAtPrincipal = "cap_at_principal", backPaymentDue = "back_payment_due"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        dailyRate = try c.decode(Ratio.self, forKey: .dailyRate)
        dueDay = try c.decode(Int.self, forKey: .dueDay)
        start = try c.decode(Start.self, forKey: .start)
        capAtPrincipal = try c.decodeIfPresent(Bool.self, forKey: .capAtPrincipal) ?? false
        backPaymentDue = try c.decodeIfPresent(BackPaymentDues.self, forKey: .backPaymentDue) ?? BackPaymentDues(employer: .monthDue, alone: .monthDue)
    }

    /// The due date of the contribution for `year`-`month`.
    public func dueDate(year: Int, month: Int) -> LocalDate {
        let next = LocalDate(year: year, month: month, day: 1)!.adding(months: 1)
        return LocalDate(year: next.year, month: next.month,
                         day: Swift.min(dueDay, LocalDate.daysIn(year: next.year, month: next.month)))!
    }

    /// The first day on which a fee accrues for a debt due on `due`.
    public func firstFeeDay(due: LocalDate) -> LocalDate {
        switch start {
        case .dayAfterDue: return due.adding(days: 1)
        case .nextMonth: return LocalDate(year: due.year, month: due.month, day: 1)!.adding(months: 1)
        }
    }
}

/// One escalation step (002 L114): once a debt is `after_months` whole months overdue it goes to `level`
/// (e.g. centre_director → deputy_chief → bureau_chief). Thresholds are masked in the source: parameters.
public struct EscalationStep: Codable, Sendable, Equatable {
    public var afterMonths: Int
    public var level: String

    public init(afterMonths: Int, level: String) {
        self.afterMonths = afterMonths
        self.level = level
    }

    enum CodingKeys: String, CodingKey { case afterMonths = "after_months", level }
}
