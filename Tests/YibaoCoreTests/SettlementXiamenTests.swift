import Testing
@testable import YibaoCore

/// Xiamen employee schemes (seed 000 第2篇), W = 120,000 for the benefit year, hand-computed.
@Suite struct SettlementXiamenTests {
    let policy = SettlementFixture.xiamen
    let w = yuan("120000")
    let migrant = PersonProfile(category: .migrant)

    func settle(_ e: Encounter, _ p: PersonProfile, _ acc: Accumulators = Accumulators()) throws -> Settlement {
        try SettlementEngine.settle(e, person: p, policy: policy, accumulators: acc, averageWage: w)
    }

    @Test func migrantDeductibleIsFivePercentOfWThenEightyFivePercent() throws {
        // 20,000 in scope: deductible 5% × 120,000 = 6,000; fund 85% × 14,000 = 11,900; person 15% = 2,100.
        // The account (1,000) may pay the inpatient deductible: account 1,000, cash 6,000 − 1,000 + 2,100 = 7,100.
        var person = migrant
        person.account = AccountBalances(firstLevel: yuan("1000"))
        let s = try settle(admission("2025-09-01", .grade2, [line(.classA, "20000")]), person)
        #expect(s.actPayDedc == yuan("6000.00"))
        #expect(s.funds.hifp == yuan("11900.00"))
        #expect(s.poolPropSelfpay == yuan("2100.00"))
        #expect(s.acctPay == yuan("1000.00"))
        #expect(s.psnCashPay == yuan("7100.00"))
        #expect(s.balc == .zero)
    }

    @Test func capAndSupplementaryLayer() throws {
        // 100,000 in scope: deductible 6,000; 94,000 shared at 85% would be 79,900 but the cap is 53,000:
        //   cost producing 53,000 = 53,000 / 0.85 = 62,352.941… → 62,352.95; co-pay 9,352.95;
        //   above the cap 94,000 − 62,352.95 = 31,647.05; supplementary 90% = 28,482.345 → 28,482.35,
        //   person 3,164.70. Cash 6,000 + 9,352.95 + 3,164.70 = 18,517.65.
        let s = try settle(admission("2025-09-01", .grade3a, [line(.classA, "100000")]), migrant)
        #expect(s.funds.hifp == yuan("53000.00"))
        #expect(s.poolPropSelfpay == yuan("9352.95"))
        #expect(s.funds.hifob == yuan("28482.35"))
        #expect(s.psnCashPay == yuan("18517.65"))
        #expect(s.accumulators.aboveCapCumulative == yuan("31647.05"))
    }

    @Test func supplementaryStopsAtOneHundredFiftyThousand() throws {
        // The pool is exhausted and supplementary insurance has paid 140,000 this year. Admission of 36,000:
        //   deductible 6,000; 30,000 above the cap; 90% would be 27,000 but 10,000 is left:
        //   cost producing 10,000 = 11,111.12; person 1,111.12; beyond the layers 18,888.88.
        //   Cash 6,000 + 1,111.12 + 18,888.88 = 26,000.
        var acc = Accumulators(yearStart: date("2025-07-01"))
        acc.fundPaid.hifp = yuan("53000")
        acc.fundPaid.hifob = yuan("140000")
        let s = try settle(admission("2025-12-01", .grade3a, [line(.classA, "36000")]), migrant, acc)
        #expect(s.funds.hifp == .zero)
        #expect(s.funds.hifob == yuan("10000.00"))
        #expect(s.psnCashPay == yuan("26000.00"))
        #expect(s.accumulators.fundPaid.hifob == yuan("150000.00"))
        #expect(s.accumulators.beyondLayersCumulative == yuan("18888.88"))
        #expect(s.explanation.contains { $0.kind == ExplanationStep.Kind.layerCapReached })
    }

    @Test func benefitYearTurnsOnFirstJuly() throws {
        // The pool cap was used up in the year from 2024-07-01. An admission on 2025-06-30 gets nothing from
        // the pool; on 2025-07-01 a new year starts: 20,000 → 6,000 deductible, 85% × 14,000 = 11,900.
        var acc = Accumulators(yearStart: date("2024-07-01"))
        acc.fundPaid.hifp = yuan("53000")
        let june = try settle(admission("2025-06-30", .grade2, [line(.classA, "20000")]), migrant, acc)
        #expect(june.benefitYearStart == date("2024-07-01"))
        #expect(june.funds.hifp == .zero)
        let july = try settle(admission("2025-07-01", .grade2, [line(.classA, "20000")]), migrant, june.accumulators)
        #expect(july.benefitYearStart == date("2025-07-01"))
        #expect(july.funds.hifp == yuan("11900.00"))
        #expect(july.accumulators.fundPaid.hifp == yuan("11900.00"))
        #expect(july.explanation.first?.kind == ExplanationStep.Kind.newBenefitYear)
    }

    /// Two admissions of 20,000: each leaves 6,000 + 2,100 = 8,100 of in-scope self-pay.
    func twoAdmissions(_ person: PersonProfile) throws -> (Settlement, Settlement) {
        let first = try settle(admission("2025-08-01", .grade2, [line(.classA, "20000")]), person)
        let second = try settle(admission("2025-10-01", .grade2, [line(.classA, "20000")]), person, first.accumulators)
        return (first, second)
    }

    @Test func civilServantSubsidyAboveTwelvePercentOfW() throws {
        // Active: threshold 12% × 120,000 = 14,400. After the first admission S = 8,100 (nothing);
        // after the second S = 16,200: 80% × (16,200 − 14,400) = 1,440; cash 8,100 − 1,440 = 6,660.
        let (first, second) = try twoAdmissions(PersonProfile(category: .employee, statuses: .civilServant))
        #expect(first.funds.cvlserv == .zero)
        #expect(second.funds.cvlserv == yuan("1440.00"))
        #expect(second.psnCashPay == yuan("6660.00"))
        // Retired: threshold 8% = 9,600 → 80% × (16,200 − 9,600) = 5,280 on the second admission.
        let (_, retired) = try twoAdmissions(PersonProfile(category: .retiree, statuses: .civilServant))
        #expect(retired.funds.cvlserv == yuan("5280.00"))
    }

    @Test func civilServantSubsidyAboveTheSupplementaryCap() throws {
        // Same admission as supplementaryStopsAtOneHundredFiftyThousand, for an active civil servant.
        // Self-pay under the schemes S = 6,000 + 1,111.12 = 7,111.12 < 14,400: no 80% subsidy.
        // Beyond the layers 18,888.88: 70% = 13,222.216 → 13,222.22 (cap 100,000).
        // Cash 26,000 − 13,222.22 = 12,777.78.
        var acc = Accumulators(yearStart: date("2025-07-01"))
        acc.fundPaid.hifp = yuan("53000")
        acc.fundPaid.hifob = yuan("140000")
        let person = PersonProfile(category: .employee, statuses: .civilServant)
        let s = try settle(admission("2025-12-01", .grade3a, [line(.classA, "36000")]), person, acc)
        #expect(s.funds.cvlserv == yuan("13222.22"))
        #expect(s.psnCashPay == yuan("12777.78"))
        #expect(s.accumulators.selfPayCumulative == yuan("7111.12"))
    }

    @Test func hardshipSubsidyTiersAndYearCap() throws {
        // 低保 employee: tiers 7% × W = 8,400 to 20% = 24,000 at 50%, above at 70%; at most 8,000 a year.
        // S after each 20,000 admission: 8,100 → 0; 16,200 → 50% × 7,800 = 3,900;
        // 24,300 → 50% × 15,600 + 70% × 300 = 8,010, less 3,900 paid = 4,110, but only 8,000 − 3,900 = 4,100 is left.
        let person = PersonProfile(category: .employee, statuses: .dibao)
        let (first, second) = try twoAdmissions(person)
        #expect(first.funds.oth == .zero)
        #expect(second.funds.oth == yuan("3900.00"))
        let third = try settle(admission("2025-12-01", .grade2, [line(.classA, "20000")]), person, second.accumulators)
        #expect(third.funds.oth == yuan("4100.00"))
        #expect(third.accumulators.fundPaid.oth == yuan("8000.00"))
        #expect(third.psnCashPay == yuan("4000.00"))
    }

    @Test func outpatientIsPaidFromTheAccountThenCash() throws {
        // 300 甲 + 50 丙 outpatient: no pooling; the account (200) pays in-scope cost only; cash 100 + 50.
        var person = PersonProfile(category: .employee)
        person.account = AccountBalances(firstLevel: yuan("200"))
        let s = try settle(admission("2025-09-01", .grade1, [line(.classA, "300"), line(.classC, "50")], setting: .outpatient), person)
        #expect(s.fundPaySumamt == .zero)
        #expect(s.acctPay == yuan("200.00"))
        #expect(s.psnCashPay == yuan("150.00"))
        #expect(s.balc == .zero)
    }
}

extension SettlementXiamenTests {
    @Test func waitingPeriodAllowsOnlyThePersonalAccount() throws {
        // A business owner in the first six months (L101): an admission of 2,000 甲 gets nothing from the
        // pool; the account (500) may pay the in-scope cost as inpatient deductible; cash 1,500.
        var owner = PersonProfile(category: .businessOwner)
        owner.account = AccountBalances(firstLevel: yuan("500"))
        let s = try SettlementEngine.settle(admission("2025-09-01", .grade2, [line(.classA, "2000")]), person: owner,
                                            policy: policy, accumulators: Accumulators(), averageWage: w,
                                            eligibility: .accountOnly(.waitingPeriod))
        #expect(s.fundPaySumamt == .zero)
        #expect(s.acctPay == yuan("500.00"))
        #expect(s.psnCashPay == yuan("1500.00"))
        #expect(s.accumulators == Accumulators())
        #expect(s.explanation.contains { $0.kind == ExplanationStep.Kind.accountOnly && $0.reason == .waitingPeriod })
    }
}
