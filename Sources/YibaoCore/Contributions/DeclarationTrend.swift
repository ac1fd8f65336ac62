/// One employer's declaration in two consecutive years, for the audit of under-declared bases (缴费基数
/// 稽核, issue 4 item 4): the declared base total falling while the headcount or the wage total rose is
/// the signal of bases declared below the wages actually paid.
public struct DeclarationTrend: Sendable, Equatable {
    /// The figures of one year: the sum of the declared monthly bases, the headcount on the roster in the
    /// declaration month, and the wage total the employer reported (nil when not reported).
    public struct Year: Sendable, Equatable {
        public var declaredBase: Money
        public var headcount: Int
        public var wageTotal: Money?

        public init(declaredBase: Money, headcount: Int, wageTotal: Money? = nil) {
            self.declaredBase = declaredBase
            self.headcount = headcount
            self.wageTotal = wageTotal
        }
    }

    public enum Reason: String, Sendable, Codable, CaseIterable {
        case headcountRose = "headcount_rose"
        case wagesRose = "wages_rose"
    }

    public var previous: Year
    public var current: Year

    public init(previous: Year, current: Year) {
        self.previous = previous
        self.current = current
    }

    /// Why the declaration is suspicious; empty when the declared base did not fall, or nothing rose.
    /// Wages are compared only when both years were reported.
    public var reasons: [Reason] {
        guard current.declaredBase < previous.declaredBase else { return [] }
        var out: [Reason] = []
        if current.headcount > previous.headcount { out.append(.headcountRose) }
        if let now = current.wageTotal, let before = previous.wageTotal, now > before { out.append(.wagesRose) }
        return out
    }
}
