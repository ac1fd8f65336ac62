/// The declared-base rules (缴费基数, 002 L27, 004 L11): declared once a year in `declaration_month`,
/// locked for the year, raised to `floor` and cut to `cap`, both fractions of the monthly average wage.
public struct ContributionBaseRule: Codable, Sendable, Equatable {
    /// 004 L11: 60%; the floor is required because every source that declares bases has one.
    public var floor: Ratio
    /// Commonly 300%; absent means no cap (004 gives none).
    public var cap: Ratio?
    /// 002 L27: March. The base declared in this month applies until the next declaration.
    public var declarationMonth: Int

    public init(floor: Ratio, cap: Ratio? = nil, declarationMonth: Int) {
        self.floor = floor
        self.cap = cap
        self.declarationMonth = declarationMonth
    }

    enum CodingKeys: String, CodingKey { case floor, cap, declarationMonth = "declaration_month" }
}
