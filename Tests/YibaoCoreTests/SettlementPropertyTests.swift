import PropertyBased
import Testing
@testable import YibaoCore

/// Invariants of the domain guide §4 over random people, bills and years, under every preset.
@Suite struct SettlementPropertyTests {
    static let policies = [SettlementFixture.benxi, SettlementFixture.xiamen, SettlementFixture.municipal]

    static let lineGen = zip(Gen.int(in: 0...3), Gen.int64(in: 0...2_000_000), Gen.int(in: 0...15))
        .map { (v: (Int, Int64, Int)) -> FeeLine in
            let (cls, fen, flags) = v
            let listClass = [ListClass.classA, .classB, .classC, .outOfCatalogue][cls]
            let quantity = 1 + flags % 3
            return FeeLine(code: "L\(cls)", listClass: listClass, amount: Money(fen: fen), quantity: quantity,
                           ceilingPrice: flags & 4 != 0 ? Money(fen: fen / Int64(quantity) * 3 / 4) : nil,
                           declared: flags != 15, bedDays: flags & 8 != 0 ? 1 + flags % 10 : nil, rescue: flags & 1 != 0)
        }

    static let encounterGen = zip(Gen.int(in: 0...4), Gen.int(in: 0...5), lineGen.array(of: 1...8), Gen.int(in: 0...729))
        .map { (v: (Int, Int, [FeeLine], Int)) -> Encounter in
            let (setting, grade, lines, offset) = v
            return Encounter(date: LocalDate(year: 2025, month: 1, day: 1)!.adding(days: offset),
                             setting: BenefitSetting.allCases[setting], grade: InstitutionGrade.allCases[grade], lines: lines)
        }

    static let personGen = zip(Gen.int(in: 0...9), Gen.uint16(in: 0...255), Gen.int(in: 0...15), Gen.int(in: 0...6),
                               Gen.int64(in: 0...3_000_000), Gen.int64(in: 0...3_000_000))
        .map { (v: (Int, UInt16, Int, Int, Int64, Int64)) -> PersonProfile in
            PersonProfile(category: PersonCategory.allCases[v.0], statuses: SpecialStatuses(rawValue: v.1),
                          continuousYears: v.2, seriousIllnessYears: v.3,
                          account: AccountBalances(firstLevel: Money(fen: v.4), secondLevel: Money(fen: v.5)))
        }

    /// A year's encounters in date order, sometimes with a not-covered one.
    static let yearGen = encounterGen.array(of: 1...12).map { $0.sorted { $0.date < $1.date } }

    static func caps(_ policy: BenefitPolicy, _ person: PersonProfile, _ w: Money) -> FundAmounts {
        var caps = FundAmounts()
        for fund in FundKind.allCases { caps[fund] = policy.annualCaps[fund]?.resolve(w) ?? Money(fen: .max) }
        for layer in policy.layers {
            if let cap = layer.cap?.resolve(w) { caps[layer.fund] = Money.min(caps[layer.fund], cap) }
            if let cap = layer.contributionYears?.cap(years: person.seriousIllnessYears, averageWage: w) {
                caps[layer.fund] = Money.min(caps[layer.fund], cap)
            }
        }
        return caps
    }

    @Test func invariantsHoldOverAYearOfEncounters() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...2), Self.personGen, Self.yearGen, Gen.int64(in: 5_000_000...15_000_000)) {
            pick, start, year, wFen in
            let policy = Self.policies[pick]
            let w = Money(fen: wFen)
            let caps = Self.caps(policy, start, w)
            var person = start
            var acc = Accumulators()
            for (i, encounter) in year.enumerated() {
                let eligibility: Eligibility = i % 5 == 4 ? .notCovered(.arrears) : i % 7 == 6 ? .accountOnly(.waitingPeriod) : .covered
                guard let s = try? SettlementEngine.settle(encounter, person: person, policy: policy, accumulators: acc,
                                                           averageWage: w, eligibility: eligibility) else {
                    Issue.record("settle threw")
                    return
                }
                // total = funds + account + cash, to the fen
                #expect(s.medfeeSumamt == s.fundPaySumamt + s.acctPay + s.psnCashPay)
                #expect(s.psnPartAmt == s.medfeeSumamt - s.fundPaySumamt)
                // no negative amount
                let amounts = [s.fulamtOwnpayAmt, s.overlmtSelfpay, s.preselfpayAmt, s.inscpScpAmt, s.actPayDedc,
                               s.poolPropSelfpay, s.acctPayFirstLevel, s.acctPaySecondLevel, s.psnCashPay, s.balc]
                #expect(!amounts.contains { $0.isNegative })
                #expect(!FundKind.allCases.contains { s.funds[$0].isNegative })
                // no cap exceeded
                for fund in FundKind.allCases { #expect(s.accumulators.fundPaid[fund] <= caps[fund]) }
                if eligibility != .covered { #expect(s.fundPaySumamt == .zero) }
                // the same inputs give the same output
                let again = try? SettlementEngine.settle(encounter, person: person, policy: policy, accumulators: acc,
                                                         averageWage: w, eligibility: eligibility)
                #expect(again == s)
                person.account = s.accountAfter
                acc = s.accumulators
            }
        }
    }

    @Test func settleThenCancelRestoresAccumulatorsAndBalances() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...2), Self.personGen, Self.yearGen, Self.encounterGen) {
            pick, start, year, last in
            let policy = Self.policies[pick]
            let w = Money(yuan: 100_000)
            var person = start
            var acc = Accumulators()
            for encounter in year {
                guard let s = try? SettlementEngine.settle(encounter, person: person, policy: policy, accumulators: acc, averageWage: w)
                else { return }
                person.account = s.accountAfter
                acc = s.accumulators
            }
            // One more settlement in the same benefit year as the accumulators, then its cancel.
            var encounter = last
            encounter.date = year.last!.date
            guard let s = try? SettlementEngine.settle(encounter, person: person, policy: policy, accumulators: acc, averageWage: w),
                  let (restored, balances) = try? s.cancel(accumulators: s.accumulators, account: s.accountAfter)
            else {
                Issue.record("settle or cancel threw")
                return
            }
            #expect(restored == acc)
            #expect(balances == person.account)
        }
    }

    @Test func cancellingAnEarlierSettlementTakesOutExactlyItsPart() throws {
        // Benxi adult, grade 2: admissions A (10,000) then B (10,000). Cancelling A from the accumulators after
        // B leaves B's own figures: one admission, 10,000 in scope, deductible 200 consumed (B was a repeat).
        let policy = SettlementFixture.benxi
        let adult = PersonProfile(category: .residentAdult)
        let a = try SettlementEngine.settle(admission("2025-02-01", .grade2, [line(.classA, "10000")]), person: adult,
                                            policy: policy, accumulators: Accumulators(), averageWage: yuan("85000"))
        let b = try SettlementEngine.settle(admission("2025-03-01", .grade2, [line(.classA, "10000")]), person: adult,
                                            policy: policy, accumulators: a.accumulators, averageWage: yuan("85000"))
        let (left, _) = try a.cancel(accumulators: b.accumulators, account: AccountBalances())
        #expect(left.admissions == 1)
        #expect(left.inscopeCumulative == yuan("10000"))
        #expect(left.deductibleConsumed.inpatient == yuan("200"))
        #expect(left.fundPaid.hifp == yuan("5390"))
        // Cancelling against another year's accumulators is refused.
        #expect(throws: DomainError.self) {
            try a.cancel(accumulators: Accumulators(yearStart: date("2026-01-01")), account: AccountBalances())
        }
    }
}
