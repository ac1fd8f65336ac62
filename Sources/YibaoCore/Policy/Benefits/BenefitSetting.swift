/// Where care was given, as the benefit rules distinguish it (就医类别). Out-of-city referral is its own
/// setting because Benxi gives it its own deductible (600, never reduced) and ratios.
public enum BenefitSetting: String, Sendable, Codable, CaseIterable, CodingKey {
    case outpatient                          // 普通门诊 (med_type 11)
    case specialOutpatient = "special_outpatient" // 门诊慢特病 (med_type 14)
    case inpatient                           // 住院 (med_type 21)
    case referral                            // 转外/异地住院
    case pharmacy                            // 定点药店购药 (med_type 41)

    /// The setting of a national `med_type` code; `referral` turns an admission into a referral.
    public static func of(medType: String, referral: Bool) -> BenefitSetting? {
        let base: BenefitSetting
        switch medType {
        case "11", "12", "13": base = .outpatient
        case "14", "15": base = .specialOutpatient
        case "21", "22", "24": base = .inpatient
        case "41": base = .pharmacy
        default: return nil
        }
        return referral && base == .inpatient ? .referral : base
    }

    /// The national `med_type` written in outputs.
    public var medType: String {
        switch self {
        case .outpatient: return "11"
        case .specialOutpatient: return "14"
        case .inpatient, .referral: return "21"
        case .pharmacy: return "41"
        }
    }

    /// Admissions count towards the repeat-admission deductible reduction.
    public var isAdmission: Bool { self == .inpatient || self == .referral }

    var nameZh: String {
        switch self {
        case .outpatient: return "普通门诊"
        case .specialOutpatient: return "门诊特殊病"
        case .inpatient: return "住院"
        case .referral: return "转外住院"
        case .pharmacy: return "药店购药"
        }
    }
}
