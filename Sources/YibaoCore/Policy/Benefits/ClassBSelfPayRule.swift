/// 乙类先行自付: the share of a class-乙 line the person pays before the line counts as in scope
/// (004 篇1: 15%, 离休 10%).
public struct ClassBSelfPayRule: ScopedRule, Codable, Sendable, Equatable {
    public var settings: [BenefitSetting]?
    public var grades: [InstitutionGrade]?
    public var categories: [PersonCategory]?
    public var statuses: SpecialStatuses?
    public var ratio: Ratio

    public init(ratio: Ratio, statuses: SpecialStatuses? = nil) {
        self.ratio = ratio
        self.statuses = statuses
    }
}
