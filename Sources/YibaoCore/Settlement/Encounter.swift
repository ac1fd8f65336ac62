/// One encounter to settle: an outpatient visit, a pharmacy purchase or an admission (at discharge).
public struct Encounter: Sendable, Equatable {
    /// The settlement date: the visit, or the discharge of an admission. It picks the benefit year.
    public var date: LocalDate
    public var admissionDate: LocalDate?
    public var setting: BenefitSetting
    public var grade: InstitutionGrade
    public var lines: [FeeLine]
    /// Set when the encounter falls under an exclusion (self-harm, third party ...).
    public var exclusion: ExclusionReason?

    public init(date: LocalDate, admissionDate: LocalDate? = nil, setting: BenefitSetting,
                grade: InstitutionGrade, lines: [FeeLine], exclusion: ExclusionReason? = nil) {
        self.date = date
        self.admissionDate = admissionDate
        self.setting = setting
        self.grade = grade
        self.lines = lines
        self.exclusion = exclusion
    }

    /// National `med_type` of the encounter.
    public var medType: String { setting.medType }
}
