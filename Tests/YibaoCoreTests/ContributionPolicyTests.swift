import Foundation
import Testing
@testable import YibaoCore

/// The `contributions` section: presets carry the domain figures, the section survives a round trip,
/// and bad values are reported with their paths.
@Suite struct ContributionPolicyTests {
    typealias F = ContributionFixture

    @Test func presetsCarryTheSourceFigures() {
        #expect(F.municipal.base == ContributionBaseRule(floor: Ratio(percent: 60), cap: nil, declarationMonth: 3))
        #expect(F.municipal.rates[0].employer == Ratio(percent: 9))
        #expect(F.municipal.rates[0].individual == Ratio(percent: 2))
        #expect(F.municipal.rates[1].individual == Ratio(percent: 11))
        #expect(F.xiamen.rates[0].base == .ofAverageWage(Ratio(percent: 60)))
        #expect(F.xiamen.levies.map(\.id) == ["civil-servant-subsidy"])
        #expect(F.xiamen.levies[0].employer == Ratio(ppm: 35_000))
        #expect(F.benxi.resident?.premiums.count == 10)
        #expect(F.benxi.waiting.last?.firstEnrolmentMonths == 3)
        #expect(F.municipal.lateFees?.dailyRate == Ratio(basisPoints: 5))
        #expect(F.municipal.contributionYears?.minimumYears(for: .female) == 25)
        #expect(F.municipal.accountCrediting?.rules.map(\.ratio) == [Ratio(percent: 6), Ratio(percent: 5), Ratio(percent: 4)])
    }

    /// Encoding writes back every key the decoder reads (JSON is YAML), and loading what was written
    /// gives the same value with no unknown-key complaint.
    @Test(arguments: PolicyPresets.ids)
    func sectionRoundTrips(preset: String) throws {
        let section = F.section(PolicyPresets.preset(id: preset)!)
        let json = String(decoding: try JSONEncoder().encode(section), as: UTF8.self)
        let document = try PolicyDocument.load(text: Self.header + "\ncontributions: " + json, file: "t.yaml")
        #expect(document.section(ContributionPolicy.self) == section)
    }

    static let header = """
        id: test-contributions
        region: "329900"
        insutype: "310"
        effective_from: 2025-01-01
        """

    func issues(_ body: String) -> [String] {
        do {
            _ = try PolicyDocument.load(text: Self.header + "\ncontributions:\n" + body, file: "t.yaml")
            return []
        } catch {
            return error.issues.map(\.path)
        }
    }

    @Test func semanticProblemsAreReportedWithTheirPaths() {
        let paths = issues("""
              base: {floor: "60%", cap: "50%", declaration_month: 13}
              rates:
                - {categories: [employee], employer: "95%", individual: "10%"}
              levies:
                - {statuses: [civil_servant], employer: "3.5%"}
              resident:
                adult_from_age: 60
                elderly_from_age: 18
                premiums: [{personal: "-1", subsidy: "40"}]
              waiting:
                - {first_enrolment_months: 40, after_interruption_months: 3}
              late_fees: {daily_rate: "2%", due_day: 0, start: day_after_due}
              escalation:
                - {after_months: 6, level: a}
                - {after_months: 3, level: a}
              account_crediting:
                frequency: monthly
                first_level_share: "70%"
                rules:
                  - {of: wage_base, ratio: "4%", amount: "10"}
                  - {from_age: 45, below_age: 45, amount: "10"}
            """)
        #expect(paths == [
            "contributions.base.cap", "contributions.base.declaration_month",
            "contributions.rates[0]",
            "contributions.levies[0].id",
            "contributions.resident.adult_from_age", "contributions.resident.premiums[0].personal",
            "contributions.waiting[0].first_enrolment_months",
            "contributions.late_fees.daily_rate", "contributions.late_fees.due_day",
            "contributions.escalation[1].after_months", "contributions.escalation[1].level",
            "contributions.account_crediting.rules[0]", "contributions.account_crediting.rules[1].below_age",
        ])
    }

    @Test func declaredBaseNeedsTheBaseRule() {
        #expect(issues("  rates: [{categories: [employee], employer: \"9%\"}]\n") == ["contributions.rates[0].base"])
        #expect(issues("  rates: [{categories: [retiree]}]\n") == [])
    }

    /// The example in docs/policy-format.md, section `contributions`, is a valid section.
    @Test func theDocumentedExampleLoads() throws {
        let tests = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        let doc = try String(contentsOf: tests.appendingPathComponent("../../docs/policy-format.md").standardized, encoding: .utf8)
        let section = try #require(doc.components(separatedBy: "## Section `contributions`").dropFirst().first)
        let example = try #require(section.components(separatedBy: "```yaml\n").dropFirst().first?.components(separatedBy: "```").first)
        let document = try PolicyDocument.load(text: Self.header + "\n" + example, file: "policy-format.md")
        let policy = try #require(document.section(ContributionPolicy.self))
        #expect(policy.rates.count == 5)
        #expect(policy.accountCrediting?.rules.count == 4)
    }

    @Test func unknownKeysAndBadBasesAreRefused() {
        #expect(issues("  late_fees: {daily_rate: \"0.05%\", due_day: 15, start: day_after_due, grace: 3}\n")
                == ["contributions.late_fees.grace"])
        #expect(issues("  rates: [{base: wages, individual: \"10%\"}]\n") == ["contributions.rates[0].base"])
        #expect(issues("  late_fees: {daily_rate: \"0.05%\", due_day: 15, start: next_month, back_payment_due: {employer: later, alone: approval}}\n")
                == ["contributions.late_fees.back_payment_due.employer"])
    }
}
