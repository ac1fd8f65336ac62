import YibaoCore

/// One entry of a region's medical-insurance catalogue (医保目录) for one scheme: a drug, service item or
/// consumable with its class (`chrgitm_lv` 01 甲 / 02 乙 / 03 丙), price ceiling and use restrictions.
public struct CatalogueItem: Sendable, Equatable, Codable {
    /// `bed` is the bed fee (床位费): its `cnt` counts bed-days, which special-group rules cap per day.
    public enum Kind: String, Sendable, Codable, CaseIterable { case drug, service, consumable, bed }

    public var admdvs: String
    public var code: String
    public var insutype: String
    public var name: String
    public var kind: Kind
    public var listClass: ListClass
    /// 最高限价 per unit; the part of a line above `ceiling × cnt` is over-limit (超限价).
    public var priceCeiling: Money?
    /// Restrictions (限定支付范围): outside them the line is fully self-paid.
    public var sex: Sex?
    public var minAge: Int?
    public var maxAge: Int?
    /// Indication text (限适应症), shown to the HIS; not machine-checked.
    public var indication: String
    /// Lowest institution grade that may bill it (national `hosp_lv` code: 1, 2, 3).
    public var minGrade: String?
    public var begndate: LocalDate
    public var enddate: LocalDate?

    public init(admdvs: String, code: String, insutype: String, name: String, kind: Kind, listClass: ListClass,
                priceCeiling: Money? = nil, sex: Sex? = nil, minAge: Int? = nil, maxAge: Int? = nil,
                indication: String = "", minGrade: String? = nil, begndate: LocalDate, enddate: LocalDate? = nil) {
        self.admdvs = admdvs
        self.code = code
        self.insutype = insutype
        self.name = name
        self.kind = kind
        self.listClass = listClass
        self.priceCeiling = priceCeiling
        self.sex = sex
        self.minAge = minAge
        self.maxAge = maxAge
        self.indication = indication
        self.minGrade = minGrade
        self.begndate = begndate
        self.enddate = enddate
    }

    enum CodingKeys: String, CodingKey {
        case admdvs, code = "med_list_codg", insutype, name, kind, listClass = "chrgitm_lv"
        case priceCeiling = "pric_uplmt_amt", sex = "lmt_sex", minAge = "lmt_age_min", maxAge = "lmt_age_max"
        case indication = "lmt_indication", minGrade = "min_hosp_lv", begndate, enddate
    }

    /// Whether the item is in force on `date`.
    public func isValid(on date: LocalDate) -> Bool {
        begndate <= date && enddate.map { date <= $0 } ?? true
    }

    /// Why the item may not be paid for this patient at this institution, or nil when it may.
    public func restriction(sex patientSex: Sex, age: Int, grade: String) -> String? {
        if let sex, sex != patientSex { return "限\(sex.displayName)性 / \(sex.displayNameEn) only" }
        if let minAge, age < minAge { return "限 \(minAge) 岁及以上 / age \(minAge) and over only" }
        if let maxAge, age > maxAge { return "限 \(maxAge) 岁及以下 / age \(maxAge) and under only" }
        if let minGrade, Self.gradeRank(grade) < Self.gradeRank(minGrade) {
            return "限 \(minGrade) 级及以上医疗机构 / institutions of grade \(minGrade) and above only"
        }
        return nil
    }

    /// 1 < 2 < 3 (3A and 3B are grade 3); pharmacies and ungraded clinics rank lowest.
    static func gradeRank(_ grade: String) -> Int {
        switch grade {
        case "1": 1
        case "2": 2
        case "3", "3A", "3B": 3
        default: 0
        }
    }
}
