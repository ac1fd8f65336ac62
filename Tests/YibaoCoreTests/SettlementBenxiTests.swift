import Testing
@testable import YibaoCore

/// Benxi urban-resident scheme (seed 003 篇5), hand-computed.
@Suite struct SettlementBenxiTests {
    let policy = SettlementFixture.benxi
    let adult = PersonProfile(category: .residentAdult)
    let student = PersonProfile(category: .student)

    func settle(_ e: Encounter, _ p: PersonProfile, _ acc: Accumulators, eligibility: Eligibility = .covered) throws -> Settlement {
        try SettlementEngine.settle(e, person: p, policy: policy, accumulators: acc, averageWage: yuan("85000"), eligibility: eligibility)
    }

    @Test func repeatAdmissionsLowerTheDeductibleToTheFloorButNeverTheReferral() throws {
        // Adult, grade-2 hospital (55%), four admissions of 10,000 in one year:
        //   1st: deductible 300, fund 55% × 9,700 = 5,335.00
        //   2nd: 300 − 100 = 200, fund 55% × 9,800 = 5,390.00
        //   3rd: 300 − 200 = 100 (floor), fund 55% × 9,900 = 5,445.00
        //   4th: 300 − 300 = 0 → floor 100, fund 5,445.00
        // Then two out-of-city referrals of 5,000: 600 each time (never reduced), fund 50% × 4,400 = 2,200.00
        var acc = Accumulators()
        let expected: [(String, String)] = [("300.00", "5335.00"), ("200.00", "5390.00"), ("100.00", "5445.00"), ("100.00", "5445.00")]
        for (i, (deductible, fund)) in expected.enumerated() {
            let s = try settle(admission("2025-0\(i + 2)-10", .grade2, [line(.classA, "10000")]), adult, acc)
            #expect(s.actPayDedc == yuan(deductible))
            #expect(s.funds.hifp == yuan(fund))
            #expect(s.psnCashPay == yuan("10000") - yuan(fund))
            acc = s.accumulators
        }
        #expect(acc.admissions == 4)
        #expect(acc.fundPaid.hifp == yuan("21615.00"))
        for month in ["08", "09"] {
            let s = try settle(admission("2025-\(month)-01", .grade3a, [line(.classA, "5000")], setting: .referral), adult, acc)
            #expect(s.actPayDedc == yuan("600.00"))
            #expect(s.funds.hifp == yuan("2200.00"))
            acc = s.accumulators
        }
        #expect(acc.referralAdmissions == 2)
        #expect(acc.admissions == 4)
    }

    @Test(arguments: [
        // (grade, student ratio, adult ratio): bill 1,200 at grade 1 → 200 deductible, 1,000 shared;
        // grade 2 → 300 deductible, 900 shared; grade 3 (三甲 and 三乙) → 500 deductible, 700 shared.
        (InstitutionGrade.grade1, "700.00", "600.00"),   // 70% / 60% of 1,000
        (.grade2, "585.00", "495.00"),                   // 65% / 55% of 900
        (.grade3b, "455.00", "385.00"),                  // 三乙: grade-3 deductible, grade-2 ratio 65% / 55% of 700
        (.grade3a, "420.00", "350.00"),                  // 60% / 50% of 700
    ])
    func ratiosDependOnGradeAndCategory(grade: InstitutionGrade, studentFund: String, adultFund: String) throws {
        let bill = admission("2025-03-01", grade, [line(.classA, "1200")])
        #expect(try settle(bill, student, Accumulators()).funds.hifp == yuan(studentFund))
        #expect(try settle(bill, adult, Accumulators()).funds.hifp == yuan(adultFund))
    }

    @Test func specialDiseaseOutpatientDeductibleIsPerYear() throws {
        // 400 a year: first visit of 300 is all deductible; the second visit of 500 pays the last 100,
        // then 50% × 400 = 200 for an adult.
        let first = try settle(admission("2025-03-01", .grade2, [line(.classA, "300")], setting: .specialOutpatient), adult, Accumulators())
        #expect(first.actPayDedc == yuan("300.00"))
        #expect(first.funds.hifp == .zero)
        let second = try settle(admission("2025-04-01", .grade2, [line(.classA, "500")], setting: .specialOutpatient), adult, first.accumulators)
        #expect(second.actPayDedc == yuan("100.00"))
        #expect(second.funds.hifp == yuan("200.00"))
    }

    @Test func continuityBonusStopsAtSeventyPercent() throws {
        // Grade 1, bill 1,200 → 1,000 shared after the 200 deductible.
        // Adult 60% + 5 years = 65% → 650; + 12 years = 72% → capped 70% → 700.
        // Student already at 70% + 3 years stays 70% → 700. 三甲 adult 50% + 12 = 62% of 700 = 434.
        var person = adult
        person.continuousYears = 5
        #expect(try settle(admission("2025-03-01", .grade1, [line(.classA, "1200")]), person, Accumulators()).funds.hifp == yuan("650.00"))
        person.continuousYears = 12
        #expect(try settle(admission("2025-03-01", .grade1, [line(.classA, "1200")]), person, Accumulators()).funds.hifp == yuan("700.00"))
        #expect(try settle(admission("2025-03-01", .grade3a, [line(.classA, "1200")]), person, Accumulators()).funds.hifp == yuan("434.00"))
        var pupil = student
        pupil.continuousYears = 3
        #expect(try settle(admission("2025-03-01", .grade1, [line(.classA, "1200")]), pupil, Accumulators()).funds.hifp == yuan("700.00"))
    }

    @Test func capReachedMidBillThenExhausted() throws {
        // The fund has paid 28,000 of its 30,000 after one admission. Second admission, grade 1, 10,100:
        //   deductible 200 − 100 = 100; 10,000 shared at 60% would be 6,000 but only 2,000 is left:
        //   the fund pays 2,000 on the cost that produces it, 2,000 / 0.6 = 3,333.34 (rounded up to the fen);
        //   co-pay 3,333.34 − 2,000 = 1,333.34; cost above the cap 10,000 − 3,333.34 = 6,666.66;
        //   the supplementary layer pays 80% × 6,666.66 = 5,333.328 → 5,333.33, person 1,333.33.
        //   Cash 100 + 1,333.34 + 1,333.33 = 2,766.67; funds 2,000 + 5,333.33 = 7,333.33.
        var acc = Accumulators(yearStart: date("2025-01-01"))
        acc.admissions = 1
        acc.fundPaid.hifp = yuan("28000")
        let s = try settle(admission("2025-05-01", .grade1, [line(.classA, "10100")]), adult, acc)
        #expect(s.actPayDedc == yuan("100.00"))
        #expect(s.funds.hifp == yuan("2000.00"))
        #expect(s.poolPropSelfpay == yuan("1333.34"))
        #expect(s.funds.hifmi == yuan("5333.33"))
        #expect(s.psnCashPay == yuan("2766.67"))
        #expect(s.accumulators.fundPaid.hifp == yuan("30000.00"))
        #expect(s.accumulators.aboveCapCumulative == yuan("6666.66"))
        #expect(s.explanation.contains { $0.kind == ExplanationStep.Kind.poolCapReached })

        // Third admission, 5,100: deductible 100 (floor); the pool has nothing left, so all 5,000 is above
        // the cap: layer 80% = 4,000; cash 100 + 1,000 = 1,100.
        let t = try settle(admission("2025-06-01", .grade1, [line(.classA, "5100")]), adult, s.accumulators)
        #expect(t.funds.hifp == .zero)
        #expect(t.funds.hifmi == yuan("4000.00"))
        #expect(t.psnCashPay == yuan("1100.00"))
        #expect(t.accumulators.fundPaid.hifp == yuan("30000.00"))
    }

    @Test func notCoveredPersonPaysEverythingInCashWithTheReason() throws {
        // 1,000 甲 + 200 丙 during arrears: no fund pays, 1,200 cash, accumulators untouched.
        let s = try settle(admission("2025-03-01", .grade1, [line(.classA, "1000"), line(.classC, "200")]),
                           adult, Accumulators(), eligibility: .notCovered(.arrears))
        #expect(s.fundPaySumamt == .zero)
        #expect(s.psnCashPay == yuan("1200.00"))
        #expect(s.accumulators == Accumulators())
        let step = try #require(s.explanation.first { $0.kind == ExplanationStep.Kind.notCovered })
        #expect(step.reason == .arrears)
        #expect(step.text(.zh).contains("欠费"))
        #expect(step.text(.en).contains("arrears"))
    }

    @Test func excludedEncounterIsNotPaid() throws {
        var e = admission("2025-03-01", .grade1, [line(.classA, "1000")])
        e.exclusion = .thirdParty
        let s = try settle(e, adult, Accumulators())
        #expect(s.fundPaySumamt == .zero)
        #expect(s.psnCashPay == yuan("1000.00"))
        #expect(s.explanation.contains { $0.kind == ExplanationStep.Kind.excluded && $0.exclusion == .thirdParty })
    }

    @Test func ordinaryOutpatientIsNotPooled() throws {
        // 篇5 has no general outpatient pooling: a 300 outpatient visit is all cash.
        let s = try settle(admission("2025-03-01", .grade1, [line(.classA, "300")], setting: .outpatient), adult, Accumulators())
        #expect(s.fundPaySumamt == .zero)
        #expect(s.psnCashPay == yuan("300.00"))
        #expect(s.explanation.contains { $0.kind == ExplanationStep.Kind.noCoinsuranceRule })
    }
}
