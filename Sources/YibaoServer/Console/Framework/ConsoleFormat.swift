import YibaoCore

/// How the console writes values: amounts with two decimals and thousands separators (right-aligned
/// by the `num` class), dates as 2025-03-01, instants in China Standard Time. (Identity numbers go
/// through `Authorization.identityText`, masked unless the role may see them.)
enum ConsoleFormat {
    static func money(_ value: Money) -> String { value.grouped }

    static func date(_ value: LocalDate) -> String { value.description }

    /// The business day of an instant: the agency works on Beijing time (UTC+8, no daylight saving).
    static func day(ofMillis millis: Int64) -> LocalDate {
        LocalDate(dayNumber: Int32((millis / 1000 + 8 * 3600).floorDivided(by: 86_400)))
    }

    /// `2025-03-01 14:05:09` in Beijing time.
    static func instant(_ millis: Int64) -> String {
        let seconds = (millis / 1000 + 8 * 3600).floorModulo(86_400)
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(day(ofMillis: millis)) \(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
    }

    static func amount(_ value: PolicyAmount) -> String {
        switch value {
        case .fixed(let money): money.grouped
        case .ofAverageWage(let ratio): "\(ratio.percentText) × W"
        }
    }
}

extension Int64 {
    fileprivate func floorDivided(by d: Int64) -> Int64 { (self - floorModulo(d)) / d }
    fileprivate func floorModulo(_ d: Int64) -> Int64 { ((self % d) + d) % d }
}
