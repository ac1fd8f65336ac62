import Foundation
import Testing
@testable import YibaoCore

/// `yibao simulate`: scenario parsing, running in order and the three renderings.
@Suite struct SimulationTests {
    /// The example of docs/simulate.md (keep them the same).
    static let example = """
        policy: xiamen-employee-2025
        person:
          category: employee
          statuses: [civil_servant]
          birth_date: 1975-04-12
          sex: female
          continuous_years: 12
          account: {first_level: "1500.00"}
          year_to_date:
            year_start: 2025-07-01
            admissions: 1
            inscp_cumulative: "20000.00"
            fund_paid: {hifp: "11900.00"}
            self_pay_cumulative: "8100.00"
        encounters:
          - date: 2025-09-03
            med_type: "11"
            grade: grade1
            lines:
              - {med_list_codg: XA01, name: 阿莫西林胶囊, class: "01", amount: "36.50", quantity: 2}
              - {med_list_codg: XB02, name: 某乙类药品, class: "02", amount: "120.00"}
              - {med_list_codg: XC03, name: 某自费项目, class: "03", amount: "60.00"}
          - date: 2025-10-20
            admission_date: 2025-10-12
            med_type: "21"
            grade: grade3a
            lines:
              - {med_list_codg: YA01, name: 床位费, class: "01", amount: "800.00", bed_days: 8}
              - {med_list_codg: YA02, name: 手术费, class: "01", amount: "15200.00"}
              - {med_list_codg: YB03, name: 某乙类耗材, class: "02", amount: "4000.00", ceiling_price: "3500.00"}
        """

    static func noFiles(_ path: String) throws -> String { throw CocoaError(.fileNoSuchFile) }

    @Test func exampleSettlesInOrderCarryingTheYear() throws {
        let scenario = try Scenario.parse(Self.example)
        let preset = PolicyPresets.xiamenEmployee
        let results = try Simulation.run(scenario, policy: SettlementFixture.xiamen,
                                          regionParameters: try PolicyPresets.regionParameters(preset))
        #expect(results.count == 2)
        // Visit 1 (outpatient, no pooling; W 2025 = 120,000): total 216.50, in scope 36.50 + 120 = 156.50
        // (the preset has no 乙 upfront share), 丙 60 self-paid. The account pays in-scope 156.50; cash 60.
        let visit = results[0].settlement
        #expect(visit.medfeeSumamt == yuan("216.50"))
        #expect(visit.acctPay == yuan("156.50"))
        #expect(visit.psnCashPay == yuan("60.00"))
        // Admission: 乙 line above its ceiling by 500 → 19,500 in scope; deductible 6,000 (the account's
        // remaining 1,343.50 pays part of it); 85% × 13,500 = 11,475; co-pay 2,025.
        // S = 8,100 + 156.50 (the outpatient in-scope cost no fund shared, paid from the account)
        //   + 6,000 + 2,025 = 16,281.50 → civil-servant 80% × (16,281.50 − 14,400) = 1,505.20.
        // Cash 20,000 − 11,475 − 1,505.20 − 1,343.50 = 5,676.30.
        let stay = results[1].settlement
        #expect(stay.overlmtSelfpay == yuan("500.00"))
        #expect(stay.funds.hifp == yuan("11475.00"))
        #expect(stay.funds.cvlserv == yuan("1505.20"))
        #expect(stay.acctPay == yuan("1343.50"))
        #expect(stay.psnCashPay == yuan("5676.30"))
        #expect(stay.accumulators.admissions == 2)
        #expect(stay.accumulators.fundPaid.hifp == yuan("23375.00"))
    }

    @Test func renderingsCarryTheNationalFieldsAndTheExplanation() throws {
        let json = try Simulation.simulate(scenarioText: Self.example, readFile: Self.noFiles)
        #expect(json.contains("\"hifp_pay\" : \"11475.00\""))
        #expect(json.contains("\"psn_cash_pay\" : \"5676.30\""))
        #expect(json.contains("\"chrgitm_lv\" : \"02\""))
        let table = try Simulation.simulate(scenarioText: Self.example, format: .table, explain: true, readFile: Self.noFiles)
        #expect(table.contains("medfee_sumamt"))
        #expect(table.contains("20216.50"))
        #expect(table.contains("公务员医疗补助"))
        #expect(table.contains("civil-servant subsidy"))
    }

    @Test func policyAndRegionFilesAreReadThroughTheCaller() throws {
        let text = """
            policy_file: my-policy.yaml
            average_wage: "100000"
            person: {category: resident_adult}
            encounters:
              - {date: 2025-03-01, setting: inpatient, grade: grade1, lines: [{class: "01", amount: "1200"}]}
            """
        let policy = try PolicyPresets.text("benxi-resident")
        let out = try Simulation.simulate(scenarioText: text, format: .table) { path in
            #expect(path == "my-policy.yaml")
            return policy
        }
        // Grade 1 adult: 200 deductible, 60% × 1,000 = 600.
        #expect(out.contains("600.00"))
    }

    @Test func crossYearAdmissionIsSplitWhenThePolicySaysSo() throws {
        // Benxi with split_at_year_end: 1,000 dated 2025-12-30 and 1,000 dated 2026-01-02, grade 1 adult.
        // 2025 part: deductible 200, 60% × 800 = 480. 2026 part: a new year, first admission again:
        // deductible 200, 480.
        let policyText = try PolicyPresets.text("benxi-resident").replacingOccurrences(of: "cross_year: discharge_year", with: "cross_year: split_at_year_end")
        let text = """
            policy_file: p.yaml
            average_wage: "85000"
            person: {category: resident_adult}
            encounters:
              - date: 2026-01-05
                admission_date: 2025-12-28
                setting: inpatient
                grade: grade1
                lines:
                  - {class: "01", amount: "1000", date: 2025-12-30}
                  - {class: "01", amount: "1000", date: 2026-01-02}
            """
        let scenario = try Scenario.parse(text)
        let document = try PolicyDocument.load(text: policyText, file: "p.yaml")
        let results = try Simulation.run(scenario, policy: document.section(BenefitPolicy.self)!, regionParameters: nil)
        #expect(results.map(\.settlement.date) == [date("2025-12-31"), date("2026-01-05")])
        #expect(results.map(\.settlement.funds.hifp) == [yuan("480"), yuan("480")])
        #expect(results[1].settlement.accumulators.admissions == 1)
    }

    @Test func badScenariosAreRefusedWithAPath() {
        let cases: [(String, String)] = [
            ("person: {category: resident_adult}\nencounters: []\npolicy: benxi-resident-2025", "encounters"),
            ("policy: nope\nperson: {category: resident_adult}\nencounters: [{date: 2025-01-01, setting: inpatient, grade: grade1, lines: []}]", "policy"),
            ("policy: benxi-resident-2025\nperson: {category: resident_adult}\nencounters: [{date: 2025-01-01, med_type: '99', grade: grade1, lines: []}]", "encounters[0].med_type"),
            ("policy: benxi-resident-2025\nperson: {category: resident_adult}\nencounters: [{date: 2025-01-01, setting: inpatient, grade: grade1, lines: [{class: '01', amount: '-5'}]}]", "encounters[0].lines[0].amount"),
            ("policy: benxi-resident-2025\nperson: {category: resident_adult}\nencounters: [{date: 2025-01-01, setting: inpatient, grade: grade1, lines: [{class: '01', amount: '1.234'}]}]", "encounters[0].lines[0].amount"),
        ]
        for (text, path) in cases {
            do {
                _ = try Simulation.simulate(scenarioText: text, readFile: Self.noFiles)
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.path == path, "\(error)")
            }
        }
    }
}
