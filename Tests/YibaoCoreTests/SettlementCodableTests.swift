import Foundation
import Testing
@testable import YibaoCore

@Suite struct SettlementCodableTests {
    @Test func settlementRoundTripsThroughJSONWithNationalNames() throws {
        // The 004 account case: every field set, amounts as strings.
        var person = PersonProfile(category: .employee, seriousIllnessYears: 5)
        person.account = AccountBalances(firstLevel: yuan("1000"), secondLevel: yuan("9000"))
        let s = try SettlementEngine.settle(admission("2025-03-01", .grade2, [line(.classA, "29000"), line(.classB, "1000")]),
                                            person: person, policy: SettlementFixture.municipal,
                                            accumulators: Accumulators(), averageWage: yuan("80000"))
        let data = try JSONEncoder().encode(s)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"medfee_sumamt\":\"30000.00\""))
        #expect(text.contains("\"preselfpay_amt\":\"150.00\""))
        #expect(try JSONDecoder().decode(Settlement.self, from: data) == s)
    }

    @Test func outOfCatalogueLinesStayOutOfCatalogueWhenReadBack() throws {
        // chrgitm_lv reports 目录外 as 03 like 丙; the stored explanation must still tell them apart.
        let s = try SettlementEngine.settle(admission("2025-03-01", .grade2, [line(.classC, "100"), line(.outOfCatalogue, "50", code: "Y")]),
                                            person: PersonProfile(category: .employee), policy: SettlementFixture.municipal,
                                            accumulators: Accumulators(), averageWage: yuan("80000"))
        let back = try JSONDecoder().decode(Settlement.self, from: JSONEncoder().encode(s))
        #expect(back.lines.map(\.listClass) == [.classC, .outOfCatalogue])
        #expect(back == s)
    }
}
