/// A scheme code (险种类型 `insutype`) of the national medical-security platform's dictionary.
///
/// Policy documents are versioned per (region, insutype), and the HIS interface carries the same
/// codes, so the document's code is checked against this list rather than taken as free text.
public enum Insutype: String, Sendable, CaseIterable, Codable {
    case employeeBasic = "310"
    case civilServantSubsidy = "320"
    case largeAmount = "330"
    case retiredCadre = "340"
    case disabledServiceman = "350"
    case redArmyVeteran = "360"
    case enterpriseSupplementary = "370"
    case ruralCooperative = "380"
    case residentBasic = "390"
    case urbanResidentBasic = "391"
    case residentSeriousIllness = "392"
    case otherSpecial = "399"
    case longTermCare = "410"
    case maternity = "510"

    public var name: String {
        switch self {
        case .employeeBasic: "职工基本医疗保险"
        case .civilServantSubsidy: "公务员医疗补助"
        case .largeAmount: "大额医疗费用补助"
        case .retiredCadre: "离休人员医疗保障"
        case .disabledServiceman: "一至六级残疾军人医疗补助"
        case .redArmyVeteran: "老红军医疗保障"
        case .enterpriseSupplementary: "企业补充医疗保险"
        case .ruralCooperative: "新型农村合作医疗"
        case .residentBasic: "城乡居民基本医疗保险"
        case .urbanResidentBasic: "城镇居民基本医疗保险"
        case .residentSeriousIllness: "城乡居民大病医疗保险"
        case .otherSpecial: "其他特殊人员医疗保障"
        case .longTermCare: "长期照护保险"
        case .maternity: "生育保险"
        }
    }

    public var nameEn: String {
        switch self {
        case .employeeBasic: "employee basic medical insurance"
        case .civilServantSubsidy: "civil-servant medical subsidy"
        case .largeAmount: "large-amount medical expense subsidy"
        case .retiredCadre: "retired (pre-1949) cadre medical care"
        case .disabledServiceman: "grade 1-6 disabled serviceman medical subsidy"
        case .redArmyVeteran: "Red Army veteran medical care"
        case .enterpriseSupplementary: "enterprise supplementary medical insurance"
        case .ruralCooperative: "new rural cooperative medical scheme (legacy)"
        case .residentBasic: "urban and rural resident basic medical insurance"
        case .urbanResidentBasic: "urban resident basic medical insurance (legacy)"
        case .residentSeriousIllness: "resident serious-illness insurance"
        case .otherSpecial: "other special groups' medical care"
        case .longTermCare: "long-term care insurance"
        case .maternity: "maternity insurance"
        }
    }
}

extension Insutype {
    /// Reads a scheme code, naming every accepted code when it is not one of them.
    public static func parse(_ code: String) throws(DomainError) -> Insutype {
        guard let value = Insutype(rawValue: code) else {
            let codes = allCases.map(\.rawValue).joined(separator: ", ")
            throw DomainError(code: "INSUTYPE_UNKNOWN", message: "险种代码“\(code)”无效，应为以下之一：\(codes)",
                              messageEn: "insutype \"\(code)\" is not a known scheme code; expected one of \(codes)")
        }
        return value
    }
}
