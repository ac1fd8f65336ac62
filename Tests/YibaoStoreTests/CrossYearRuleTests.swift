import Testing
import YibaoCore
@testable import YibaoStore

/// The real-time path's two small rules around the engine: bed-days taken from a bed-fee line's count,
/// and the refusal of a bill that mixes two benefit years where the policy splits at the year end.
@Suite struct CrossYearRuleTests {
    static func day(_ text: String) -> LocalDate { try! LocalDate.parse(text) }

    static func benxi(_ crossYear: BenefitPolicy.CrossYear) throws -> BenefitPolicy {
        var policy = try #require(try PolicyPresets.document(PolicyPresets.benxiResident).section(BenefitPolicy.self))
        policy.crossYear = crossYear
        return policy
    }

    @Test func bedDaysRoundPartDaysUp() {
        func fee(_ countE4: Int64) -> FeeDetail {
            FeeDetail(feedetlSn: "1", code: "BED", medinsCode: "BED", amount: Money(yuan: 350), price: Money(yuan: 50),
                      countE4: countE4, date: Self.day("2025-03-01"))
        }
        #expect(fee(70_000).bedDays == 7)
        #expect(fee(5_000).bedDays == 1)
        #expect(fee(75_000).bedDays == 8)
    }

    @Test func aMixedYearAdmissionIsRefusedWhereThePolicySplits() throws {
        let fees = [Self.day("2025-12-28"), Self.day("2026-01-02")]
        do {
            try CrossYearRule.check(policy: try Self.benxi(.splitAtYearEnd), setting: .inpatient,
                                    settlementDate: Self.day("2026-01-03"), feeDates: fees)
            Issue.record("a bill spanning 2025 and 2026 was accepted")
        } catch let error as DomainError {
            #expect(error.code == "CROSS_YEAR_SPLIT")
            #expect(error.message.contains("2025-12-31"))
        }
    }

    @Test func otherCasesPass() throws {
        let mixed = [Self.day("2025-12-28"), Self.day("2026-01-02")]
        // Discharge-year policies settle the whole stay under the new year.
        try CrossYearRule.check(policy: try Self.benxi(.dischargeYear), setting: .inpatient,
                                settlementDate: Self.day("2026-01-03"), feeDates: mixed)
        // The split part of the new year, and outpatient visits, are not affected.
        try CrossYearRule.check(policy: try Self.benxi(.splitAtYearEnd), setting: .inpatient,
                                settlementDate: Self.day("2026-01-03"), feeDates: [Self.day("2026-01-01")])
        try CrossYearRule.check(policy: try Self.benxi(.splitAtYearEnd), setting: .outpatient,
                                settlementDate: Self.day("2026-01-03"), feeDates: mixed)
    }
}
