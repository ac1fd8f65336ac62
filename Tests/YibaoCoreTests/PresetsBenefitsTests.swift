import Testing
@testable import YibaoCore

/// The shipped presets load and validate; the `benefits` section reports its problems with paths.
@Suite struct PresetsBenefitsTests {
    @Test func everyPresetLoadsWithItsRegionParameters() throws {
        let documents = try PolicyPresets.documents()
        #expect(documents.map(\.metadata.id) == PolicyPresets.ids)
        for (preset, document) in zip(PolicyPresets.all, documents) {
            #expect(document.section(BenefitPolicy.self) != nil)
            let region = try PolicyPresets.regionParameters(preset)
            #expect(region.region == document.metadata.region)
            #expect(region.averageWage(forYear: document.metadata.effectiveFrom.year) != nil)
        }
    }

    @Test func presetsCarryTheSourceFigures() throws {
        let benxi = SettlementFixture.benxi
        #expect(benxi.annualCaps.hifp == .fixed(yuan("30000")))
        #expect(benxi.continuityBonus?.maxRatio == Ratio(percent: 70))
        let xiamen = SettlementFixture.xiamen
        #expect(xiamen.benefitYear.startMonth == 7)
        #expect(xiamen.deductibles[0].amount == .ofAverageWage(Ratio(percent: 5)))
        #expect(xiamen.layers[0].share == Ratio(percent: 90))
        let municipal = SettlementFixture.municipal
        #expect(municipal.classBSelfPay.map(\.ratio) == [Ratio(percent: 10), Ratio(percent: 15)])
        #expect(municipal.layers[0].contributionYears?.cap(years: 3, averageWage: .zero) == yuan("40000"))
    }

    static let header = """
        id: test-benefits
        region: "210500"
        insutype: "390"
        effective_from: 2025-01-01
        """

    func issues(_ benefits: String) -> [PolicyIssue] {
        do {
            _ = try PolicyDocument.load(text: Self.header + "\nbenefits:\n" + benefits, file: "t.yaml")
            return []
        } catch {
            return error.issues
        }
    }

    @Test func semanticProblemsAreReportedWithTheirPaths() {
        let found = issues("""
              benefit_year: {start_month: 13}
              deductibles:
                - {settings: [inpatient], amount: "200", per: admission, repeat_reduction: "100", floor: "300"}
              coinsurance:
                - segments: [{up_to: "50000", ratio: "90%"}, {up_to: "10000", ratio: "120%"}]
              annual_caps: {hifp: "30000"}
              layers:
                - {id: big, fund: hifp, share: "95%"}
            """)
        let paths = Set(found.map(\.path))
        #expect(paths.contains("benefits.benefit_year.start_month"))
        #expect(paths.contains("benefits.deductibles[0].floor"))
        #expect(paths.contains("benefits.coinsurance[0].segments[1].up_to"))
        #expect(paths.contains("benefits.coinsurance[0].segments[1].ratio"))
        #expect(paths.contains("benefits.layers[0].fund"))
    }

    @Test func unknownKeysAndBadValuesAreRefused() {
        let typo = issues("""
              annual_caps: {hifp: "30000"}
              deductibles:
                - {settings: [inpatient], amount: "200", per: admission, repeat_reductoin: "100"}
            """)
        #expect(typo.contains { $0.path == "benefits.deductibles[0].repeat_reductoin" })
        let badStatus = issues("""
              special_groups:
                - {statuses: [veteran], fund: oth}
            """)
        #expect(!badStatus.isEmpty)
    }

    @Test func amountsMayBeFractionsOfTheAverageWage() throws {
        let document = try PolicyDocument.load(text: Self.header + """

            benefits:
              deductibles:
                - {settings: [inpatient], amount: {of_avg_wage: "5%"}, per: admission}
            """, file: "t.yaml")
        let rule = try #require(document.section(BenefitPolicy.self)?.deductibles.first)
        // 5% of 123,456.78 = 6,172.839 → 6,172.84
        #expect(rule.amount.resolve(yuan("123456.78")) == yuan("6172.84"))
    }
}
