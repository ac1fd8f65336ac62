/// Institution grade (医院等级). A rule listing `grade3` also matches 三甲 and 三乙; a rule listing
/// `grade3a` matches only 三甲, so Benxi can give 三乙 the grade-2 ratio and 三甲 its own.
public enum InstitutionGrade: String, Sendable, Codable, CaseIterable {
    case ungraded      // 未定级 (clinics, pharmacies)
    case grade1        // 一级
    case grade2        // 二级
    case grade3        // 三级
    case grade3a       // 三级甲等
    case grade3b       // 三级乙等

    /// Whether a rule written for `self` applies to an institution of grade `actual`.
    @inlinable public func covers(_ actual: InstitutionGrade) -> Bool {
        self == actual || (self == .grade3 && (actual == .grade3a || actual == .grade3b))
    }
}
