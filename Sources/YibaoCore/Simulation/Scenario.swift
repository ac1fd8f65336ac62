import Yams

/// A what-if scenario for `yibao simulate` (format: docs/simulate.md): a policy, a person with what
/// they used so far this benefit year, and encounters to settle in order.
public struct Scenario: Sendable, Equatable {
    /// Where the policy comes from: a shipped preset, or a policy file the caller reads.
    public enum PolicySource: Sendable, Equatable {
        case preset(String)
        case file(String)
    }

    public struct Visit: Sendable, Equatable {
        public var encounter: Encounter
        public var eligibility: Eligibility

        public init(encounter: Encounter, eligibility: Eligibility = .covered) {
            self.encounter = encounter
            self.eligibility = eligibility
        }
    }

    public var policy: PolicySource
    /// Region-parameter file giving W by year (a preset brings its own).
    public var regionFile: String?
    /// W for every benefit year of the scenario, overriding region parameters.
    public var averageWage: Money?
    public var person: PersonProfile
    public var yearToDate: Accumulators
    public var visits: [Visit]

    /// A scenario built in code (the console's what-if form) rather than parsed from a file.
    public init(policy: PolicySource, regionFile: String? = nil, averageWage: Money? = nil, person: PersonProfile,
                yearToDate: Accumulators = Accumulators(), visits: [Visit]) {
        self.policy = policy
        self.regionFile = regionFile
        self.averageWage = averageWage
        self.person = person
        self.yearToDate = yearToDate
        self.visits = visits
    }

    /// Parses the YAML text of a scenario; every error names its path.
    public static func parse(_ text: String) throws(DomainError) -> Scenario {
        let file: ScenarioFile
        do {
            file = try YAMLDecoder().decode(ScenarioFile.self, from: text)
        } catch let error as DecodingError {
            throw ScenarioFile.domainError(error)
        } catch let error as DomainError {
            throw error
        } catch {
            throw DomainError(code: "SCENARIO_SYNTAX", message: "情景文件无法解析：\(error)", messageEn: "the scenario cannot be parsed: \(error)")
        }
        return try file.scenario()
    }
}

/// The file shape of a scenario, decoded by Codable and then checked into a `Scenario`.
struct ScenarioFile: Decodable {
    struct Person: Decodable {
        var category: PersonCategory
        var statuses: SpecialStatuses?
        var birthDate: LocalDate?
        var sex: Sex?
        var continuousYears: Int?
        var seriousIllnessYears: Int?
        var account: AccountBalances?
        var yearToDate: Accumulators?

        enum CodingKeys: String, CodingKey {
            case category, statuses, birthDate = "birth_date", sex, continuousYears = "continuous_years"
            case seriousIllnessYears = "serious_illness_years", account, yearToDate = "year_to_date"
        }
    }

    struct Visit: Decodable {
        var date: LocalDate
        var admissionDate: LocalDate?
        var medType: String?
        var setting: BenefitSetting?
        var referral: Bool?
        var grade: InstitutionGrade
        var eligibility: String?
        var accountOnly: Bool?
        var exclusion: ExclusionReason?
        var lines: [FeeLine]

        enum CodingKeys: String, CodingKey {
            case date, admissionDate = "admission_date", medType = "med_type", setting, referral, grade
            case eligibility, accountOnly = "account_only", exclusion, lines
        }
    }

    var policy: String?
    var policyFile: String?
    var regionFile: String?
    var averageWage: Money?
    var person: Person
    var encounters: [Visit]

    enum CodingKeys: String, CodingKey {
        case policy, policyFile = "policy_file", regionFile = "region_file", averageWage = "average_wage"
        case person, encounters
    }

    func scenario() throws(DomainError) -> Scenario {
        let source: Scenario.PolicySource
        switch (policy, policyFile) {
        case (let id?, nil): source = .preset(id)
        case (nil, let path?): source = .file(path)
        default:
            throw DomainError(code: "SCENARIO_POLICY", message: "须且只能给出 policy（预置编号）或 policy_file 之一",
                              messageEn: "give exactly one of policy (a preset id) or policy_file", path: "policy")
        }
        guard !encounters.isEmpty else {
            throw DomainError(code: "SCENARIO_EMPTY", message: "至少需要一次就诊", messageEn: "at least one encounter is needed", path: "encounters")
        }
        var visits: [Scenario.Visit] = []
        for (i, v) in encounters.enumerated() {
            let path = "encounters[\(i)]"
            let setting: BenefitSetting
            if let given = v.setting {
                setting = v.referral == true && given == .inpatient ? .referral : given
            } else if let code = v.medType, let found = BenefitSetting.of(medType: code, referral: v.referral ?? false) {
                setting = found
            } else {
                throw DomainError(code: "SCENARIO_SETTING", message: "须给出 setting 或已知的 med_type（11/14/21/41 等）",
                                  messageEn: "give a setting or a known med_type (11, 14, 21, 41 ...)", path: path + ".med_type")
            }
            var eligibility = Eligibility.covered
            if let text = v.eligibility, text != "covered" {
                guard let reason = NotCoveredReason(rawValue: text) else {
                    throw DomainError(code: "SCENARIO_ELIGIBILITY",
                                      message: "未知的参保状态“\(text)”，可用：covered, " + NotCoveredReason.allCases.map(\.rawValue).joined(separator: ", "),
                                      messageEn: "unknown eligibility \"\(text)\"", path: path + ".eligibility")
                }
                eligibility = v.accountOnly == true ? .accountOnly(reason) : .notCovered(reason)
            }
            if let previous = visits.last?.encounter.date, v.date < previous {
                throw DomainError(code: "SCENARIO_ORDER", message: "就诊须按日期先后排列", messageEn: "encounters must be in date order", path: path + ".date")
            }
            visits.append(Scenario.Visit(
                encounter: Encounter(date: v.date, admissionDate: v.admissionDate, setting: setting, grade: v.grade,
                                     lines: v.lines, exclusion: v.exclusion),
                eligibility: eligibility))
        }
        let p = person
        return Scenario(
            policy: source, regionFile: regionFile, averageWage: averageWage,
            person: PersonProfile(category: p.category, statuses: p.statuses ?? [], birthDate: p.birthDate, sex: p.sex,
                                  continuousYears: p.continuousYears ?? 0, seriousIllnessYears: p.seriousIllnessYears ?? 0,
                                  account: p.account ?? AccountBalances()),
            yearToDate: p.yearToDate ?? Accumulators(), visits: visits)
    }

    /// A decoding error as the one error type, with the path of the field.
    static func domainError(_ error: DecodingError) -> DomainError {
        func path(_ keys: [any CodingKey]) -> String {
            keys.reduce("") { out, key in
                if let i = key.intValue { return out + "[\(i)]" }
                return out.isEmpty ? key.stringValue : out + "." + key.stringValue
            }
        }
        switch error {
        case .keyNotFound(let key, let context):
            return DomainError(code: "SCENARIO_MISSING", message: "缺少必填字段“\(key.stringValue)”",
                               messageEn: "required field \"\(key.stringValue)\" is missing", path: path(context.codingPath + [key]))
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return DomainError(code: "SCENARIO_VALUE", message: "字段值错误：\(context.debugDescription)",
                               messageEn: "wrong value: \(context.debugDescription)", path: path(context.codingPath))
        @unknown default:
            return DomainError(code: "SCENARIO_VALUE", message: "情景文件错误", messageEn: "scenario error")
        }
    }
}
