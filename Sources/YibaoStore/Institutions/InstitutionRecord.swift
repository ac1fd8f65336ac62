/// A designated institution (定点医药机构), minimal until the agreements capability arrives:
/// who it is, where, what kind and grade. Institution users and HIS tokens are bound to one.
public struct InstitutionRecord: Sendable, Equatable, Codable {
    public var admdvs: String
    public var code: String
    public var name: String
    /// hospital / pharmacy / clinic
    public var kind: String
    /// 一级 / 二级 / 三级 / 三乙 / 三甲, as the national grade codes below
    public var grade: String

    public init(admdvs: String, code: String, name: String, kind: String, grade: String) {
        self.admdvs = admdvs
        self.code = code
        self.name = name
        self.kind = kind
        self.grade = grade
    }

    enum CodingKeys: String, CodingKey {
        case admdvs, code = "fixmedins_code", name = "fixmedins_name", kind = "fixmedins_type", grade = "hosp_lv"
    }
}
