import Testing
@testable import YibaoCore

/// Shared builders for the settlement suites: presets loaded once, money and lines written briefly.
enum SettlementFixture {
    static let benxi = load(PolicyPresets.benxiResident)
    static let xiamen = load(PolicyPresets.xiamenEmployee)
    static let municipal = load(PolicyPresets.municipalEmployee)

    static func load(_ preset: PolicyPresets.Preset) -> BenefitPolicy {
        do {
            return try PolicyPresets.document(preset).section(BenefitPolicy.self)!
        } catch {
            fatalError("preset \(preset.id) does not load: \(error)")
        }
    }
}

func yuan(_ text: String) -> Money { try! Money.parse(text) }
func date(_ text: String) -> LocalDate { try! LocalDate.parse(text) }

func line(_ cls: ListClass, _ amount: String, code: String = "X", bedDays: Int? = nil, rescue: Bool = false,
          ceiling: String? = nil, quantity: Int = 1, declared: Bool = true) -> FeeLine {
    FeeLine(code: code, listClass: cls, amount: yuan(amount), quantity: quantity, ceilingPrice: ceiling.map(yuan),
            declared: declared, bedDays: bedDays, rescue: rescue)
}

func admission(_ date: String, _ grade: InstitutionGrade, _ lines: [FeeLine], setting: BenefitSetting = .inpatient) -> Encounter {
    Encounter(date: YibaoCoreTests.date(date), setting: setting, grade: grade, lines: lines)
}

extension Settlement {
    /// The sum the domain guide's first invariant is about.
    var paidTotal: Money { fundPaySumamt + acctPay + psnCashPay }
}
