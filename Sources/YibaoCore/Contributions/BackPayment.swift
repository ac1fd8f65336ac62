/// A back-payment (补缴) of missed contributions, without subsidy, asked for by one user and approved by
/// another (`Approval`; domain guide §3: back-payments need multi-step approval, 002 F7). Only an approval
/// bills it. Residents back-pay whole years (Benxi 003 篇5 R19: the arrears of an interruption are borne by
/// the person, without government subsidy): each year's whole premium under the policy of that year. The
/// employee schemes back-pay months (002 L46: the gap is paid in full before benefits resume): each month
/// as the monthly billing would have billed it, employer and employee shares, or all of it for a person
/// paying alone.
public struct BackPayment: Sendable, Equatable {
    public static let subject = Approval.Subject(code: "BACK_PAYMENT", noun: "补缴", nounEn: "back-payment")

    /// One missed year as assessed when asked for: the category and statuses it is billed by, the whole
    /// premium, the day it was due, and the district the year's record is kept under.
    public struct Year: Sendable, Equatable {
        public var year: Int
        public var category: PersonCategory
        public var age: Int
        public var statuses: SpecialStatuses
        public var amount: Money
        public var dueDate: LocalDate
        public var countyRegion: String

        public init(year: Int, category: PersonCategory, age: Int, statuses: SpecialStatuses, amount: Money, dueDate: LocalDate,
                    countyRegion: String) {
            self.year = year
            self.category = category
            self.age = age
            self.statuses = statuses
            self.amount = amount
            self.dueDate = dueDate
            self.countyRegion = countyRegion
        }
    }

    /// One missed month as assessed when asked for: who pays it (the employer whose roster the person was
    /// on, 0 for a person paying alone), the base the rate applied to, the two shares, the month's ordinary
    /// due date and whether the bill falls due then or on the approval day (`late_fees.back_payment_due`).
    public struct Month: Sendable, Equatable {
        public var month: BillingMonth
        public var employerID: Int64
        public var base: Money
        public var employerShare: Money
        public var individualShare: Money
        public var dueDate: LocalDate
        public var due: LateFeeRule.BackPaymentDue

        public init(month: BillingMonth, employerID: Int64, base: Money, employerShare: Money, individualShare: Money, dueDate: LocalDate,
                    due: LateFeeRule.BackPaymentDue) {
            self.month = month
            self.employerID = employerID
            self.base = base
            self.employerShare = employerShare
            self.individualShare = individualShare
            self.dueDate = dueDate
            self.due = due
        }

        public var amount: Money { employerShare + individualShare }

        /// The day the month's bill falls due when approved on `approvedOn`.
        public func billDue(approvedOn: LocalDate) -> LocalDate {
            due == .approval ? approvedOn : dueDate
        }
    }

    public var years: [Year]
    public var months: [Month]
    public var approval: Approval

    public init(years: [Year] = [], months: [Month] = [], approval: Approval) {
        self.years = years
        self.months = months
        self.approval = approval
    }

    public var total: Money { months.reduce(years.reduce(.zero) { $0 + $1.amount }) { $0 + $1.amount } }

    /// The years asked for: at least one, each once, each a plausible contribution year.
    public static func checkYears(_ years: [Int]) throws(DomainError) {
        _ = try check(years, field: "years", noun: ("年度", "year")) { year, path throws(DomainError) in
            guard (1990...2200).contains(year) else {
                throw DomainError(code: "YEAR_INVALID", message: "缴费年度无效：\(year)", messageEn: "invalid contribution year \(year)", path: path)
            }
            return year
        }
    }

    /// The months asked for (`YYYY-MM`): at least one, each once.
    public static func checkMonths(_ months: [String]) throws(DomainError) -> [BillingMonth] {
        try check(months, field: "months", noun: ("月份", "month")) { text, path throws(DomainError) in try BillingMonth.parse(text, field: path) }
    }

    /// A list of periods: not empty, each valid (`parse`, given its path), none twice.
    private static func check<Item, Period: Equatable>(_ items: [Item], field: String, noun: (zh: String, en: String),
                                                       parse: (Item, String) throws(DomainError) -> Period) throws(DomainError) -> [Period] {
        let kind = noun.en.uppercased()
        guard !items.isEmpty else {
            throw DomainError(code: "BACK_PAYMENT_\(kind)S_REQUIRED", message: "请列出要补缴的\(noun.zh)", messageEn: "list the \(noun.en)s to back-pay",
                              path: field)
        }
        var periods: [Period] = []
        for (i, item) in items.enumerated() {
            let period = try parse(item, "\(field)[\(i)]")
            guard !periods.contains(period) else {
                throw DomainError(code: "BACK_PAYMENT_\(kind)_REPEATED", message: "\(noun.zh) \(item) 重复", messageEn: "\(noun.en) \(item) is listed twice",
                                  path: "\(field)[\(i)]")
            }
            periods.append(period)
        }
        return periods
    }

    /// A year whose premium is not yet due is billed by the annual run, not back-paid.
    public static func checkMissed(_ year: Year, on today: LocalDate) throws(DomainError) {
        guard year.dueDate < today else {
            throw DomainError(.conflict, code: "BACK_PAYMENT_NOT_DUE",
                              message: "\(year.year) 年度保费尚未到期（缴费截止日 \(year.dueDate)），应按年度正常缴费，不属补缴",
                              messageEn: "the \(year.year) premium is not yet due (due \(year.dueDate)): it is paid as the year's premium, not back-paid")
        }
    }

    /// A month still to come cannot have been missed.
    public static func checkCome(_ month: BillingMonth, on today: LocalDate) throws(DomainError) {
        guard month <= BillingMonth(of: today) else {
            throw DomainError(.conflict, code: "BACK_PAYMENT_FUTURE_MONTH", message: "\(month) 尚未到来，不能补缴",
                              messageEn: "\(month) has not come yet: it cannot be back-paid")
        }
    }

    /// A month whose contribution is not yet due is billed by the monthly run, not back-paid.
    public static func checkMissed(_ month: BillingMonth, dueDate: LocalDate, on today: LocalDate) throws(DomainError) {
        guard dueDate < today else {
            throw DomainError(.conflict, code: "BACK_PAYMENT_NOT_DUE",
                              message: "\(month) 的缴费尚未到期（缴费截止日 \(dueDate)），应按月正常缴费，不属补缴",
                              messageEn: "the contribution for \(month) is not yet due (due \(dueDate)): it is billed by the monthly run, not back-paid")
        }
    }
}
