import Testing
@testable import YibaoCore

/// The engine benchmarks' workload (`yibao bench engine` and `Benchmarks/`): the cases, the
/// same encounters from the same seed, and settlements that are real ones — exact to the fen, with the
/// funds or the account paying part wherever the preset shares outpatient or inpatient costs.
@Suite struct EngineWorkloadTests {
    @Test func everyPresetOutpatientInpatientAndTheMixedStream() {
        let cases = EngineWorkload.standard.map(\.name)
        #expect(cases == ["benxi-resident-2025 outpatient 5 lines", "benxi-resident-2025 inpatient 50 lines", "benxi-resident-2025 mixed stream",
                          "xiamen-employee-2025 outpatient 5 lines", "xiamen-employee-2025 inpatient 50 lines", "xiamen-employee-2025 mixed stream",
                          "municipal-employee-2025 outpatient 5 lines", "municipal-employee-2025 inpatient 50 lines",
                          "municipal-employee-2025 mixed stream"])
    }

    /// The mixed stream: visits, pharmacy purchases and admissions in about the stated shares, each
    /// kind within its number of lines, admissions of 5 to 200 lines with bed-days.
    @Test func aCitysStreamMixesVisitsPurchasesAndAdmissions() {
        var rng = SeededGenerator(seed: 7)
        let stream = SyntheticEncounters.stream(count: 4_000, start: LocalDate(year: 2026, month: 1, day: 1)!, using: &rng)
        let visits = stream.filter { $0.setting == .outpatient }
        let purchases = stream.filter { $0.setting == .pharmacy }
        let admissions = stream.filter { $0.setting == .inpatient }
        #expect(visits.count + purchases.count + admissions.count == 4_000)
        #expect((2_850...3_150).contains(visits.count))
        #expect((700...900).contains(purchases.count))
        #expect((140...260).contains(admissions.count))
        #expect(visits.allSatisfy { (1...10).contains($0.lines.count) })
        #expect(purchases.allSatisfy { (1...6).contains($0.lines.count) && $0.grade == .ungraded })
        #expect(admissions.allSatisfy { (5...200).contains($0.lines.count) && $0.lines.last?.bedDays != nil && $0.grade != .ungraded })
        #expect(admissions.contains { $0.lines.count > 100 } && admissions.contains { $0.lines.count < 30 })
        // Admissions carry most of the cost, as in a city's books.
        func cost(_ encounters: [Encounter]) -> Money { encounters.flatMap(\.lines).reduce(Money.zero) { $0 + $1.amount } }
        #expect(cost(admissions) > cost(visits) + cost(purchases))
    }

    @Test(arguments: EngineWorkload.standard.map(\.name))
    func inputsAreTheSeedsAndSettleExactly(name: String) throws {
        let workload = try #require(EngineWorkload.standard.first { $0.name == name })
        let inputs = try workload.inputs(seed: 42, count: 64)
        #expect(inputs.encounters == (try workload.inputs(seed: 42, count: 64)).encounters)
        #expect(inputs.encounters != (try workload.inputs(seed: 43, count: 64)).encounters)
        if workload.kind != .mixed { #expect(inputs.encounters.allSatisfy { $0.lines.count == workload.lines }) }
        var shared = Money.zero
        for encounter in inputs.encounters {
            let s = try workload.settle(encounter, with: inputs)
            #expect(s.medfeeSumamt == encounter.lines.reduce(Money.zero) { $0 + $1.amount })
            #expect(s.medfeeSumamt == s.fundPaySumamt + s.acctPay + s.psnCashPay)
            shared = shared + s.fundPaySumamt + s.acctPay
        }
        if workload.preset == PolicyPresets.benxiResident && workload.kind == .outpatient {
            // 本溪 residents: no general outpatient pooling (篇5) and no personal account; all cash.
            #expect(shared == .zero)
        } else {
            #expect(shared > .zero, "the funds or the account pay part, as the preset says")
        }
    }
}
