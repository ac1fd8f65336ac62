/// A back-payment (补缴) of a resident's missed contribution years (Benxi 003 篇5 R19: the arrears of an
/// interruption are borne by the person, without government subsidy): each year's whole premium under the
/// policy of that year, asked for by one user and approved by another (`Approval`; domain guide §3:
/// back-payments need multi-step approval, 002 F7). Only an approval bills it.
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

    public var years: [Year]
    public var approval: Approval

    public init(years: [Year], approval: Approval) {
        self.years = years
        self.approval = approval
    }

    public var total: Money { years.reduce(.zero) { $0 + $1.amount } }

    /// The years asked for: at least one, each once, each a plausible contribution year.
    public static func checkYears(_ years: [Int]) throws(DomainError) {
        guard !years.isEmpty else {
            throw DomainError(code: "BACK_PAYMENT_YEARS_REQUIRED", message: "请列出要补缴的年度", messageEn: "list the years to back-pay", path: "years")
        }
        for (i, year) in years.enumerated() {
            guard (1990...2200).contains(year) else {
                throw DomainError(code: "YEAR_INVALID", message: "缴费年度无效：\(year)", messageEn: "invalid contribution year \(year)", path: "years[\(i)]")
            }
            guard !years[..<i].contains(year) else {
                throw DomainError(code: "BACK_PAYMENT_YEAR_REPEATED", message: "年度 \(year) 重复", messageEn: "year \(year) is listed twice",
                                  path: "years[\(i)]")
            }
        }
    }

    /// A year whose premium is not yet due is billed by the annual run, not back-paid.
    public static func checkMissed(_ year: Year, on today: LocalDate) throws(DomainError) {
        guard year.dueDate < today else {
            throw DomainError(.conflict, code: "BACK_PAYMENT_NOT_DUE",
                              message: "\(year.year) 年度保费尚未到期（缴费截止日 \(year.dueDate)），应按年度正常缴费，不属补缴",
                              messageEn: "the \(year.year) premium is not yet due (due \(year.dueDate)): it is paid as the year's premium, not back-paid")
        }
    }
}
