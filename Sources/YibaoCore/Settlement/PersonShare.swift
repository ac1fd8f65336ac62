/// The person's share of a settlement split by origin, so that subsidies, special-group overlays and
/// the two account levels each take only the parts they may pay. Flat fields: no allocation.
struct PersonShare {
    var deductible = Money.zero
    var preselfpay = Money.zero
    var coinsurance = Money.zero
    var beyondLayers = Money.zero
    var overLimit = Money.zero
    var fullySelfPaid = Money.zero

    subscript(part: AccountUse.Part) -> Money {
        get {
            switch part {
            case .deductible: return deductible
            case .preselfpay: return preselfpay
            case .coinsurance: return coinsurance
            case .beyondLayers: return beyondLayers
            case .overLimit: return overLimit
            case .fullySelfPaid: return fullySelfPaid
            }
        }
        set {
            switch part {
            case .deductible: deductible = newValue
            case .preselfpay: preselfpay = newValue
            case .coinsurance: coinsurance = newValue
            case .beyondLayers: beyondLayers = newValue
            case .overLimit: overLimit = newValue
            case .fullySelfPaid: fullySelfPaid = newValue
            }
        }
    }

    var total: Money { deductible + preselfpay + coinsurance + beyondLayers + overLimit + fullySelfPaid }

    /// Sum of the listed parts.
    func available(_ parts: [AccountUse.Part]) -> Money {
        var sum = Money.zero
        for part in AccountUse.Part.allCases where parts.contains(part) { sum += self[part] }
        return sum
    }

    /// Takes up to `amount` from `parts`, in the listed order; returns what was taken.
    @discardableResult
    mutating func take(_ amount: Money, from parts: [AccountUse.Part]) -> Money {
        var left = amount
        for part in parts where left > .zero {
            let t = Money.min(left, self[part])
            self[part] -= t
            left -= t
        }
        return amount - left
    }

    /// In-scope parts a subsidy reduces, beyond-the-layers first (the costliest for the person).
    static let subsidyOrder: [AccountUse.Part] = [.beyondLayers, .coinsurance, .deductible]
    /// Parts a special-group co-payment coverage reduces.
    static let copayOrder: [AccountUse.Part] = [.deductible, .coinsurance, .preselfpay]
}
