import Testing
@testable import YibaoCore

/// Personal-account crediting by age band, pension and contributions (004 L17–L19, Xiamen L107).
@Suite struct AccountCreditTests {
    typealias F = ContributionFixture
    /// Born 1980-07-15: 44 on 2025-07-01, 45 on 2025-08-01.
    let person = F.person(born: "1980-07-15")

    @Test func fourPercentAt44AndFivePercentAt45() throws {
        let july = try AccountCredit.monthly(identity: person, category: .employee, year: 2025, month: 7,
                                             wageBase: F.money("8000"), policy: F.municipal)
        // 4% × 8000 = 320.00; first level 70% = 224.00, second 96.00
        #expect((july.total, july.firstLevel, july.secondLevel, july.rule) == (F.money("320"), F.money("224"), F.money("96"), 2))
        let august = try AccountCredit.monthly(identity: person, category: .employee, year: 2025, month: 8,
                                               wageBase: F.money("8000"), policy: F.municipal)
        // 5% × 8000 = 400.00; 280.00 + 120.00
        #expect((august.total, august.firstLevel, august.secondLevel, august.rule) == (F.money("400"), F.money("280"), F.money("120"), 1))
    }

    @Test func creditsRoundHalfUpAndTheLevelsSumExactly() throws {
        let credit = try AccountCredit.monthly(identity: person, category: .employee, year: 2025, month: 1,
                                               wageBase: F.money("4567.89"), policy: F.municipal)
        // 4% × 4567.89 = 182.7156 → 182.72; 70% = 127.904 → 127.90; second level 182.72 − 127.90 = 54.82
        #expect((credit.total, credit.firstLevel, credit.secondLevel) == (F.money("182.72"), F.money("127.90"), F.money("54.82")))
    }

    @Test func retireesGetSixPercentOfThePension() throws {
        let retiree = F.person(born: "1958-02-01", sex: .female)
        let credit = try AccountCredit.monthly(identity: retiree, category: .retiree, year: 2025, month: 3,
                                               pension: F.money("4500"), policy: F.municipal)
        // 6% × 4500 = 270.00; 189.00 + 81.00
        #expect((credit.total, credit.firstLevel, credit.secondLevel) == (F.money("270"), F.money("189"), F.money("81")))
        #expect(throws: DomainError.self) {
            try AccountCredit.monthly(identity: retiree, category: .retiree, year: 2025, month: 3, policy: F.municipal)
        }
    }

    @Test func xiamenRetiredCadresGetSixtyPercentOfContributions() throws {
        let cadre = F.person(born: "1930-10-01")
        let credit = try AccountCredit.monthly(identity: cadre, category: .retiree, statuses: .lixiu, year: 2025, month: 9,
                                               contribution: F.money("1000"), policy: F.xiamen)
        // L107: 60% × 1000 = 600, all first level (first_level_share 100%).
        #expect((credit.firstLevel, credit.secondLevel) == (F.money("600"), .zero))
    }

    @Test func fixedAmountsAndNoRuleMeanNoCredit() throws {
        let policy = ContributionPolicy(accountCrediting: AccountCrediting(
            frequency: .annual, firstLevelShare: Ratio(percent: 50),
            rules: [CreditingRule(categories: [.flexible], amount: F.money("30.01"))]))
        let fixed = try AccountCredit.monthly(identity: person, category: .flexible, year: 2025, month: 1, policy: policy)
        // 50% × 30.01 = 15.005 → 15.01; second level 15.00
        #expect((fixed.firstLevel, fixed.secondLevel) == (F.money("15.01"), F.money("15.00")))
        let none = try AccountCredit.monthly(identity: person, category: .residentAdult, year: 2025, month: 1, policy: policy)
        #expect(none.total == .zero && none.rule == nil)
        let resident = try AccountCredit.monthly(identity: person, category: .residentAdult, year: 2025, month: 1, policy: F.benxi)
        #expect(resident.total == .zero)
    }
}
