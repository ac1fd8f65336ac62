import Foundation
import YibaoCore

/// The what-if form's inputs, read from the query (the form is a GET so its address reproduces the
/// result) and turned into a `Scenario` with one encounter. Every refusal names its field.
struct CalculatorForm {
    static let lineCount = 5

    struct Line {
        var code = ""
        var name = ""
        var listClass = ListClass.classA
        var amount = ""
    }

    var preset = PolicyPresets.xiamenEmployee.id
    var wage = ""
    var category = PersonCategory.employee
    var statuses: [String] = []
    var years = "0"
    var illnessYears = "0"
    var acct1 = "0.00"
    var acct2 = "0.00"
    var ytdInScope = "0.00"
    var ytdAdmissions = "0"
    var date = "2025-03-01"
    var setting = BenefitSetting.inpatient
    var grade = InstitutionGrade.grade3a
    var lines: [Line] = [
        Line(code: "XJ001", name: "床位费", listClass: .classA, amount: "1200.00"),
        Line(code: "XB002", name: "乙类药品", listClass: .classB, amount: "8000.00"),
        Line(code: "XC003", name: "丙类材料", listClass: .classC, amount: "500.00"),
    ] + Array(repeating: Line(), count: lineCount - 3)
    /// Whether the visitor submitted the form (a first visit shows the defaults, not a result).
    var submitted = false

    init(_ query: FormBody) {
        submitted = query["run"] != nil
        preset = query["preset"] ?? preset
        wage = query["wage"] ?? wage
        category = query["category"].flatMap(PersonCategory.init(rawValue:)) ?? category
        statuses = submitted ? query.values("status") : statuses
        years = query["years"] ?? years
        illnessYears = query["illness_years"] ?? illnessYears
        acct1 = query["acct1"] ?? acct1
        acct2 = query["acct2"] ?? acct2
        ytdInScope = query["ytd_inscope"] ?? ytdInScope
        ytdAdmissions = query["ytd_admissions"] ?? ytdAdmissions
        date = query["date"] ?? date
        setting = query["setting"].flatMap(BenefitSetting.init(rawValue:)) ?? setting
        grade = query["grade"].flatMap(InstitutionGrade.init(rawValue:)) ?? grade
        if submitted {
            lines = (1...Self.lineCount).map { n in
                Line(code: query["code\(n)"] ?? "", name: query["name\(n)"] ?? "",
                     listClass: query["class\(n)"].flatMap(ListClass.init(rawValue:)) ?? .classA, amount: query["amount\(n)"] ?? "")
            }
        }
    }

    /// The scenario, or the first input that is wrong (with its field name as the path). The
    /// year-to-date figures belong to the benefit year of the encounter under `policy`.
    func scenario(policy: BenefitPolicy) throws(DomainError) -> Scenario {
        var set = SpecialStatuses()
        for name in statuses {
            guard let status = SpecialStatuses.names.first(where: { $0.0 == name })?.1 else {
                throw DomainError(code: "CALC_STATUS", message: "未知的特殊身份：\(name)", messageEn: "unknown special status \(name)", path: "status")
            }
            set.insert(status)
        }
        var feeLines: [FeeLine] = []
        for (i, line) in lines.enumerated() where !line.amount.trimmed.isEmpty {
            let amount = try field("amount\(i + 1)") { () throws(DomainError) in try Money.parseNonNegative(line.amount.trimmed) }
            feeLines.append(FeeLine(code: line.code.trimmed.isEmpty ? "LINE\(i + 1)" : line.code.trimmed, name: line.name,
                                    listClass: line.listClass, amount: amount))
        }
        guard !feeLines.isEmpty else {
            throw DomainError(code: "CALC_NO_LINES", message: "请至少填写一行费用金额", messageEn: "enter the amount of at least one fee line", path: "amount1")
        }
        let day = try field("date") { () throws(DomainError) in try LocalDate.parse(date.trimmed) }
        var ytd = Accumulators(yearStart: policy.benefitYear.start(containing: day))
        ytd.inscopeCumulative = try field("ytd_inscope") { () throws(DomainError) in try Money.parseNonNegative(ytdInScope.trimmed) }
        ytd.admissions = try count(ytdAdmissions, "ytd_admissions")
        let person = PersonProfile(
            category: category, statuses: set,
            continuousYears: try count(years, "years"), seriousIllnessYears: try count(illnessYears, "illness_years"),
            account: AccountBalances(firstLevel: try field("acct1") { () throws(DomainError) in try Money.parseNonNegative(acct1.trimmed) },
                                     secondLevel: try field("acct2") { () throws(DomainError) in try Money.parseNonNegative(acct2.trimmed) }))
        let w: Money? = wage.trimmed.isEmpty ? nil : try field("wage") { () throws(DomainError) in try Money.parseNonNegative(wage.trimmed) }
        return Scenario(policy: .preset(preset), averageWage: w, person: person, yearToDate: ytd,
                        visits: [Scenario.Visit(encounter: Encounter(date: day, setting: setting, grade: grade, lines: feeLines))])
    }

    private func field<T>(_ name: String, _ parse: () throws(DomainError) -> T) throws(DomainError) -> T {
        do { return try parse() } catch { throw error.at(name) }
    }

    private func count(_ text: String, _ name: String) throws(DomainError) -> Int {
        guard let n = Int(text.trimmed), (0...100).contains(n) else {
            throw DomainError(code: "CALC_COUNT", message: "须为 0 到 100 之间的整数", messageEn: "must be a whole number from 0 to 100", path: name)
        }
        return n
    }
}

extension String {
    fileprivate var trimmed: String { trimmingCharacters(in: .whitespaces) }
}
