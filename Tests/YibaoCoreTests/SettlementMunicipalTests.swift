import Testing
@testable import YibaoCore

/// The municipal 统账结合 employee scheme of seed 004 篇1, W = 80,000 (deductible 10% × W = 8,000 a
/// year; segments 85% up to 10,000 and 90% up to 50,000 of cumulative in-scope cost), hand-computed.
@Suite struct SettlementMunicipalTests {
    let policy = SettlementFixture.municipal
    let w = yuan("80000")
    let employee = PersonProfile(category: .employee, seriousIllnessYears: 5)

    func settle(_ e: Encounter, _ p: PersonProfile, _ acc: Accumulators = Accumulators()) throws -> Settlement {
        try SettlementEngine.settle(e, person: p, policy: policy, accumulators: acc, averageWage: w)
    }

    @Test func segmentsOfCumulativeInScopeCost() throws {
        // 30,000 in scope: deductible 8,000 (positions 0–8,000); 8,000–10,000 at 85%: 2,000 → 1,700;
        // 10,000–30,000 at 90%: 20,000 → 18,000. Fund 19,700; co-pay 300 + 2,000 = 2,300; cash 10,300.
        let s = try settle(admission("2025-03-01", .grade2, [line(.classA, "30000")]), employee)
        #expect(s.actPayDedc == yuan("8000.00"))
        #expect(s.funds.hifp == yuan("19700.00"))
        #expect(s.poolPropSelfpay == yuan("2300.00"))
        #expect(s.psnCashPay == yuan("10300.00"))
        // A second admission of 10,000 in the year: deductible used up; positions 30,000–40,000 at 90%.
        let t = try settle(admission("2025-05-01", .grade2, [line(.classA, "10000")]), employee, s.accumulators)
        #expect(t.actPayDedc == .zero)
        #expect(t.funds.hifp == yuan("9000.00"))
    }

    @Test func classBUpfrontSelfPayFifteenPercentLixiuTen() throws {
        // 29,000 甲 + 1,000 乙. Ordinary: upfront 15% × 1,000 = 150; in scope 29,850; deductible 8,000;
        //   85% × 2,000 = 1,700; 90% × 19,850 = 17,865; fund 19,565; cash 150 + 8,000 + 300 + 1,985 = 10,435.
        // 离休: upfront 10% = 100; in scope 29,900; 1,700 + 90% × 19,900 = 17,910 → fund 19,610;
        //   cash 100 + 8,000 + 300 + 1,990 = 10,390.
        let bill = admission("2025-03-01", .grade2, [line(.classA, "29000"), line(.classB, "1000")])
        let s = try settle(bill, employee)
        #expect(s.preselfpayAmt == yuan("150.00"))
        #expect(s.lines[1].preSelfPay == yuan("150.00"))
        #expect(s.lines[1].listClass.chrgitmLv == "02")
        #expect(s.funds.hifp == yuan("19565.00"))
        #expect(s.psnCashPay == yuan("10435.00"))
        var lixiu = employee
        lixiu.statuses = .lixiu
        let l = try settle(bill, lixiu)
        #expect(l.preselfpayAmt == yuan("100.00"))
        #expect(l.funds.hifp == yuan("19610.00"))
        #expect(l.psnCashPay == yuan("10390.00"))
    }

    @Test func seriousIllnessNinetyFivePercentAboveTheCeiling() throws {
        // 100,000 in scope, 5 years of serious-illness contributions: deductible 8,000; 1,700 + 36,000
        //   in the segments (up to 50,000); 50,000 above the ceiling: 95% = 47,500, person 2,500.
        //   Cash 8,000 + 300 + 4,000 + 2,500 = 14,800.
        let s = try settle(admission("2025-03-01", .grade3a, [line(.classA, "100000")]), employee)
        #expect(s.funds.hifp == yuan("37700.00"))
        #expect(s.funds.hifob == yuan("47500.00"))
        #expect(s.psnCashPay == yuan("14800.00"))
    }

    @Test func outOfPocketCeilingMakesThePoolPayTheRest() throws {
        // 154,000 in scope, 5 years: deductible 8,000; segments 1,700 + 36,000 (co-pay 300 + 4,000);
        // 104,000 above the ceiling: 95% = 98,800, person 5,200. Self-pay S = 8,000 + 4,300 + 5,200 = 17,500
        // passes the 15,000 out-of-pocket ceiling: the pool pays the 2,500 above it. Cash 15,000.
        let s = try settle(admission("2025-03-01", .grade3a, [line(.classA, "154000")]), employee)
        #expect(s.funds.hifob == yuan("98800.00"))
        #expect(s.funds.hifp == yuan("40200.00"))
        #expect(s.psnCashPay == yuan("15000.00"))
    }

    @Test(arguments: [
        // years → cap (reading B: 4 → 50,000, each year fewer −10,000), hifob paid, cash.
        // Above the ceiling 50,000; 95% would be 47,500.
        (4, "47500.00", "14800.00"),                  // cap 50,000 not reached
        (2, "30000.00", "32300.00"),                  // cap 30,000: cost producing it 31,578.95, person 1,578.95,
                                                      // beyond 18,421.05 → cash 8,000 + 4,300 + 1,578.95 + 18,421.05
        (0, "10000.00", "52300.00"),                  // cap 10,000: 10,526.32 absorbed, 526.32 + 39,473.68 beyond
    ])
    func shortContributionYearsReduceTheSeriousIllnessCap(years: Int, paid: String, cash: String) throws {
        var person = employee
        person.seriousIllnessYears = years
        let s = try settle(admission("2025-03-01", .grade3a, [line(.classA, "100000")]), person)
        #expect(s.funds.hifob == yuan(paid))
        #expect(s.psnCashPay == yuan(cash))
    }

    @Test func firstLevelAccountBeforeSecondLevel() throws {
        // The 30,000 admission of segmentsOfCumulativeInScopeCost: person's share 8,000 deductible + 2,300
        // co-pay. The first level (1,000) pays first, taking the co-pay the second level may not pay:
        // 1,000 of 2,300. The second level (9,000) pays the deductible 8,000. Cash 1,300; balances 0 / 1,000.
        var person = employee
        person.account = AccountBalances(firstLevel: yuan("1000"), secondLevel: yuan("9000"))
        let s = try settle(admission("2025-03-01", .grade2, [line(.classA, "30000")]), person)
        #expect(s.acctPayFirstLevel == yuan("1000.00"))
        #expect(s.acctPaySecondLevel == yuan("8000.00"))
        #expect(s.psnCashPay == yuan("1300.00"))
        #expect(s.accountAfter == AccountBalances(firstLevel: .zero, secondLevel: yuan("1000")))
        #expect(s.balc == yuan("1000.00"))
        let order = s.explanation.compactMap { step -> ExplanationStep.Kind? in
            step.kind == .accountFirstLevel || step.kind == .accountSecondLevel ? step.kind : nil
        }
        #expect(order == [.accountFirstLevel, .accountSecondLevel])
    }

    @Test func disabledServicemanOverlay() throws {
        // 27,000 甲; bed fee 2,000 甲 for 20 days (cap 50 a day = 1,000: 1,000 over-limit); 1,000 丙 rescue drug.
        // In scope 28,000: deductible 8,000; 85% × 2,000 = 1,700 (co-pay 300); 90% × 18,000 = 16,200 (1,800).
        // Overlay: 100% of the co-payments 8,000 + 2,100 = 10,100, plus 40% of the rescue drug = 400: oth 10,500.
        // Cash: the over-limit bed fee 1,000 + 60% of the rescue drug 600 = 1,600.
        var person = employee
        person.statuses = .disabledServiceman
        let s = try settle(admission("2025-03-01", .grade2, [
            line(.classA, "27000"), line(.classA, "2000", bedDays: 20), line(.classC, "1000", rescue: true),
        ]), person)
        #expect(s.overlmtSelfpay == yuan("1000.00"))
        #expect(s.funds.hifp == yuan("17900.00"))
        #expect(s.funds.oth == yuan("10500.00"))
        #expect(s.psnCashPay == yuan("1600.00"))
    }

    @Test func priceCeilingMakesTheExcessOverLimit() throws {
        // 甲 drug, 3 units at ceiling 120.00 = 360; billed 450 → 90 over-limit, 360 in scope (outpatient,
        // grade 1, 80%: 288 from the pool, 72 co-pay); cash 90 + 72 = 162.
        let s = try settle(admission("2025-03-01", .grade1, [line(.classA, "450", ceiling: "120", quantity: 3)],
                                     setting: .outpatient), employee)
        #expect(s.overlmtSelfpay == yuan("90.00"))
        #expect(s.lines[0].overLimit == yuan("90.00"))
        #expect(s.funds.hifp == yuan("288.00"))
        #expect(s.psnCashPay == yuan("162.00"))
    }

    @Test func undeclaredItemIsFullySelfPaid() throws {
        let s = try settle(admission("2025-03-01", .grade1, [line(.classA, "100", declared: false)], setting: .outpatient), employee)
        #expect(s.fulamtOwnpayAmt == yuan("100.00"))
        #expect(s.fundPaySumamt == .zero)
    }
}

