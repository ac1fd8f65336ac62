import YibaoCore

/// An insured person as settlement needs them (minimal: a later issue builds the full registry on the
/// same table). `psn_no` is a time-ordered id; `certno` the identity number.
public struct PersonRecord: Sendable, Equatable {
    /// The status column shown by the HIS person query (1101). Settlement no longer reads it: it evaluates
    /// the stored enrolment events and arrears (`CoverageQuery`).
    public enum EligibilityStatus: String, Sendable, Codable, CaseIterable {
        case active, waiting = "waiting_period", interrupted, arrears
    }

    public var admdvs: String
    public var psnNo: Int64
    public var certno: String
    public var name: String
    public var sex: Sex
    public var birthDate: LocalDate
    public var category: PersonCategory
    public var statuses: SpecialStatuses
    public var insutype: String
    public var enrolBegin: LocalDate
    public var enrolEnd: LocalDate?
    public var eligibility: EligibilityStatus
    public var eligibilityReason: String
    public var eligibilitySince: LocalDate
    public var continuousYears: Int
    public var seriousIllnessYears: Int
    /// 户籍所在地 (empty for persons registered before it was recorded).
    public var hukouRegion: String

    public init(admdvs: String, psnNo: Int64 = 0, certno: String, name: String, sex: Sex, birthDate: LocalDate,
                category: PersonCategory, statuses: SpecialStatuses = [], insutype: String, enrolBegin: LocalDate,
                enrolEnd: LocalDate? = nil, eligibility: EligibilityStatus = .active, eligibilityReason: String = "",
                eligibilitySince: LocalDate? = nil, continuousYears: Int = 0, seriousIllnessYears: Int = 0, hukouRegion: String = "") {
        self.admdvs = admdvs
        self.psnNo = psnNo
        self.certno = certno
        self.name = name
        self.sex = sex
        self.birthDate = birthDate
        self.category = category
        self.statuses = statuses
        self.insutype = insutype
        self.enrolBegin = enrolBegin
        self.enrolEnd = enrolEnd
        self.eligibility = eligibility
        self.eligibilityReason = eligibilityReason
        self.eligibilitySince = eligibilitySince ?? enrolBegin
        self.continuousYears = continuousYears
        self.seriousIllnessYears = seriousIllnessYears
        self.hukouRegion = hukouRegion
    }

    /// Full years of age on `date`.
    public func age(on date: LocalDate) -> Int {
        let (by, bm, bd) = birthDate.components
        let (y, m, d) = date.components
        return y - by - ((m, d) < (bm, bd) ? 1 : 0)
    }

    public func profile(account: AccountBalances) -> PersonProfile {
        PersonProfile(category: category, statuses: statuses, birthDate: birthDate, sex: sex,
                      continuousYears: continuousYears, seriousIllnessYears: seriousIllnessYears, account: account)
    }

    var statusNames: String { Self.text(of: statuses) }

    /// The person with the statuses `periods` give on `date`; the row's own set when none are recorded.
    func asOf(_ date: LocalDate, periods: [StatusPeriod]) -> PersonRecord {
        guard !periods.isEmpty else { return self }
        var dated = self
        dated.statuses = StatusPeriod.statuses(periods, on: date)
        return dated
    }

    /// How a set of statuses is stored: their names, comma-separated, in `SpecialStatuses.names` order.
    static func text(of statuses: SpecialStatuses) -> String {
        SpecialStatuses.names.filter { statuses.contains($0.1) }.map(\.0).joined(separator: ",")
    }

    static func statuses(from text: String) -> SpecialStatuses {
        var set = SpecialStatuses()
        for name in text.split(separator: ",") {
            if let entry = SpecialStatuses.names.first(where: { $0.0 == name }) { set.insert(entry.1) }
        }
        return set
    }
}
