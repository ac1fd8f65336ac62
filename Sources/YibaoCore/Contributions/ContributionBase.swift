/// A person's monthly contribution base for the year, locked at the annual declaration (002 L27): the
/// declared wage raised to the floor or cut to the cap, with the reason kept for the record and the bill.
public struct ContributionBase: Sendable, Equatable, Codable {
    /// Why the locked base differs from the declared one.
    public enum Adjustment: String, Sendable, Equatable, Codable {
        case none
        /// Declared below `floor × W/12`: raised to it (004 L11).
        case raisedToFloor = "raised_to_floor"
        /// Declared above `cap × W/12`: cut to it.
        case cutToCap = "cut_to_cap"
    }

    public var declared: Money
    public var amount: Money
    public var adjustment: Adjustment

    public init(declared: Money, amount: Money, adjustment: Adjustment) {
        self.declared = declared
        self.amount = amount
        self.adjustment = adjustment
    }

    /// W ÷ 12 rounded half-up to the fen: the monthly figure every fraction of W in a base applies to.
    public static func monthlyAverageWage(_ averageWage: Money) -> Money {
        let (q, r) = averageWage.fen.quotientAndRemainder(dividingBy: 12)
        return Money(fen: r * 2 >= 12 ? q + 1 : (r * 2 <= -12 ? q - 1 : q))
    }

    /// The base as locked for the year: `declared` (monthly) kept within [floor, cap] of W/12, where W is
    /// the region's prior-year average wage published for the declaration year.
    public static func lock(declared: Money, averageWage: Money, policy: ContributionPolicy) throws(DomainError) -> ContributionBase {
        guard let rule = policy.base else { throw ContributionError.noBaseRule }
        guard !declared.isNegative else {
            throw DomainError(code: "CONTRIBUTION_BASE_NEGATIVE", message: "申报缴费基数不能为负数：\(declared)",
                              messageEn: "declared base \(declared) must not be negative", path: "declared")
        }
        let monthly = monthlyAverageWage(averageWage)
        let floor = rule.floor.apply(to: monthly)
        if declared < floor { return ContributionBase(declared: declared, amount: floor, adjustment: .raisedToFloor) }
        if let cap = rule.cap.map({ $0.apply(to: monthly) }), declared > cap {
            return ContributionBase(declared: declared, amount: cap, adjustment: .cutToCap)
        }
        return ContributionBase(declared: declared, amount: declared, adjustment: .none)
    }

    /// The reason recorded with the base, in Chinese and English (nil when nothing was changed).
    public var reason: (zh: String, en: String)? {
        switch adjustment {
        case .none: return nil
        case .raisedToFloor:
            return ("申报基数 \(declared) 低于下限，按下限 \(amount) 核定", "declared base \(declared) is below the floor; locked at the floor \(amount)")
        case .cutToCap:
            return ("申报基数 \(declared) 高于上限，按上限 \(amount) 核定", "declared base \(declared) is above the cap; locked at the cap \(amount)")
        }
    }
}
