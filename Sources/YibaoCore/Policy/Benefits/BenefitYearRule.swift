/// The benefit year (医保年度) accumulators and caps run over: the calendar year (`start_month: 1`)
/// or a year starting on the first of another month (Xiamen: 1 July to 30 June).
public struct BenefitYearRule: Codable, Sendable, Equatable {
    public var startMonth: Int

    enum CodingKeys: String, CodingKey { case startMonth = "start_month" }

    public init(startMonth: Int = 1) { self.startMonth = startMonth }

    /// First day of the benefit year containing `date`.
    public func start(containing date: LocalDate) -> LocalDate {
        let (y, m, _) = date.components
        return LocalDate(year: m >= startMonth ? y : y - 1, month: startMonth, day: 1)!
    }
}
