/// One amount per fund, stored flat (no dictionary) so that the settlement path never allocates for it.
public struct FundAmounts: Sendable, Equatable, Codable {
    public var hifp = Money.zero
    public var hifmi = Money.zero
    public var hifob = Money.zero
    public var cvlserv = Money.zero
    public var hifes = Money.zero
    public var maf = Money.zero
    public var oth = Money.zero

    public init() {}

    @inlinable public subscript(fund: FundKind) -> Money {
        get {
            switch fund {
            case .hifp: return hifp
            case .hifmi: return hifmi
            case .hifob: return hifob
            case .cvlserv: return cvlserv
            case .hifes: return hifes
            case .maf: return maf
            case .oth: return oth
            }
        }
        set {
            switch fund {
            case .hifp: hifp = newValue
            case .hifmi: hifmi = newValue
            case .hifob: hifob = newValue
            case .cvlserv: cvlserv = newValue
            case .hifes: hifes = newValue
            case .maf: maf = newValue
            case .oth: oth = newValue
            }
        }
    }

    public var total: Money { hifp + hifmi + hifob + cvlserv + hifes + maf + oth }

    /// Funds left out are zero.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: FundKind.self)
        for fund in FundKind.allCases { self[fund] = try c.decodeIfPresent(Money.self, forKey: fund) ?? .zero }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: FundKind.self)
        for fund in FundKind.allCases { try c.encode(self[fund], forKey: fund) }
    }

    static func combine(_ a: FundAmounts, _ b: FundAmounts, _ op: (Money, Money) -> Money) -> FundAmounts {
        var out = FundAmounts()
        for fund in FundKind.allCases { out[fund] = op(a[fund], b[fund]) }
        return out
    }
}

/// One amount per benefit setting, stored flat.
public struct SettingAmounts: Sendable, Equatable, Codable {
    public var outpatient = Money.zero
    public var specialOutpatient = Money.zero
    public var inpatient = Money.zero
    public var referral = Money.zero
    public var pharmacy = Money.zero

    public init() {}

    /// Settings left out are zero.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: BenefitSetting.self)
        for s in BenefitSetting.allCases { self[s] = try c.decodeIfPresent(Money.self, forKey: s) ?? .zero }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: BenefitSetting.self)
        for s in BenefitSetting.allCases { try c.encode(self[s], forKey: s) }
    }

    @inlinable public subscript(setting: BenefitSetting) -> Money {
        get {
            switch setting {
            case .outpatient: return outpatient
            case .specialOutpatient: return specialOutpatient
            case .inpatient: return inpatient
            case .referral: return referral
            case .pharmacy: return pharmacy
            }
        }
        set {
            switch setting {
            case .outpatient: outpatient = newValue
            case .specialOutpatient: specialOutpatient = newValue
            case .inpatient: inpatient = newValue
            case .referral: referral = newValue
            case .pharmacy: pharmacy = newValue
            }
        }
    }

    static func combine(_ a: SettingAmounts, _ b: SettingAmounts, _ op: (Money, Money) -> Money) -> SettingAmounts {
        var out = SettingAmounts()
        for s in BenefitSetting.allCases { out[s] = op(a[s], b[s]) }
        return out
    }
}
