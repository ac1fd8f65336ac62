/// Waiting periods before pooled benefits (待遇等待期), scoped by category, first match wins.
///
/// Definition (the sources say "满 N 个月后"): a waiting period of N months that starts on day D ends on
/// the first day of the N-th month after D's month, so D's month counts as the first month
/// (enrol 2025-03-10, 6 months → covered from 2025-09-01; pay arrears in January, 3 months → 1 April).
/// 0 months means covered from D itself.
public struct WaitingRule: CategoryScoped, Codable, Sendable, Equatable {
    public var categories: [PersonCategory]?
    public var statuses: SpecialStatuses?
    /// 002 L46: 6 months after a first enrolment; Benxi R22: 3 months from the contribution month.
    public var firstEnrolmentMonths: Int
    /// 002 L46, Benxi R23: after an interruption, N months from the day the gap's arrears are paid.
    public var afterInterruptionMonths: Int
    /// Xiamen L103: a gap longer than this many months counts as a new first enrolment. Absent: never.
    public var restartAfterGapMonths: Int?
    /// 002 L46: a gap that is not back-paid makes the resumption a new first enrolment.
    public var unpaidGapRestarts: Bool
    /// Xiamen L101/L103: during the waiting period the personal account may still pay (no fund pays).
    public var accountOnly: Bool

    public init(categories: [PersonCategory]? = nil, statuses: SpecialStatuses? = nil, firstEnrolmentMonths: Int,
                afterInterruptionMonths: Int, restartAfterGapMonths: Int? = nil, unpaidGapRestarts: Bool = false,
                accountOnly: Bool = false) {
        self.categories = categories
        self.statuses = statuses
        self.firstEnrolmentMonths = firstEnrolmentMonths
        self.afterInterruptionMonths = afterInterruptionMonths
        self.restartAfterGapMonths = restartAfterGapMonths
        self.unpaidGapRestarts = unpaidGapRestarts
        self.accountOnly = accountOnly
    }

    enum CodingKeys: String, CodingKey {
        case categories, statuses
        case firstEnrolmentMonths = "first_enrolment_months", afterInterruptionMonths = "after_interruption_months"
        case restartAfterGapMonths = "restart_after_gap_months", unpaidGapRestarts = "unpaid_gap_restarts"
        case accountOnly = "account_only"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        categories = try c.decodeIfPresent([PersonCategory].self, forKey: .categories)
        statuses = try c.decodeIfPresent(SpecialStatuses.self, forKey: .statuses)
        firstEnrolmentMonths = try c.decode(Int.self, forKey: .firstEnrolmentMonths)
        afterInterruptionMonths = try c.decode(Int.self, forKey: .afterInterruptionMonths)
        restartAfterGapMonths = try c.decodeIfPresent(Int.self, forKey: .restartAfterGapMonths)
        unpaidGapRestarts = try c.decodeIfPresent(Bool.self, forKey: .unpaidGapRestarts) ?? false
        accountOnly = try c.decodeIfPresent(Bool.self, forKey: .accountOnly) ?? false
    }

    /// The first day covered after a waiting period of `months` starting on `start` (see the type's definition).
    public static func end(of months: Int, startingOn start: LocalDate) -> LocalDate {
        guard months > 0 else { return start }
        return LocalDate(year: start.year, month: start.month, day: 1)!.adding(months: months)
    }
}
