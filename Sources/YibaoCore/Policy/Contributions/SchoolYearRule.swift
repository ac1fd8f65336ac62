/// Students' insurance year (Benxi 003 篇5 R15, R21): school year Y runs from `start_month`/`start_day`
/// of Y to the day before that date in Y + 1 (1 September – 31 August), and a school registers its
/// students for it by `register_by_month`/`register_by_day` of Y (R15: before 15 September).
public struct SchoolYearRule: Codable, Sendable, Equatable {
    public var startMonth: Int
    public var startDay: Int
    public var registerByMonth: Int
    public var registerByDay: Int

    public init(startMonth: Int, startDay: Int, registerByMonth: Int, registerByDay: Int) {
        self.startMonth = startMonth
        self.startDay = startDay
        self.registerByMonth = registerByMonth
        self.registerByDay = registerByDay
    }

    enum CodingKeys: String, CodingKey {
        case startMonth = "start_month", startDay = "start_day", registerByMonth = "register_by_month", registerByDay = "register_by_day"
    }

    /// The first day of school year `year`.
    public func start(of year: Int) -> LocalDate { Self.day(year, startMonth, startDay) }

    /// The last day of school year `year`.
    public func end(of year: Int) -> LocalDate { start(of: year + 1).adding(days: -1) }

    /// The last day a school may register its students for school year `year`.
    public func registrationDeadline(of year: Int) -> LocalDate { Self.day(year, registerByMonth, registerByDay) }

    /// A day beyond the month's end is its last day (the policy check keeps month and day in range).
    private static func day(_ year: Int, _ month: Int, _ day: Int) -> LocalDate {
        LocalDate(year: year, month: month, day: min(day, LocalDate.daysIn(year: year, month: month)))!
    }
}
