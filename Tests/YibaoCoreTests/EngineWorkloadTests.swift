import Testing
@testable import YibaoCore

/// The engine benchmarks' workload (`yibao bench engine` and `Benchmarks/`): the cases, the
/// same encounters from the same seed, and settlements that are real ones — exact to the fen, with the
/// funds or the account paying part wherever the preset shares outpatient or inpatient costs.
@Suite struct EngineWorkloadTests {
    @Test func everyPresetOutpatientAndInpatient() {
        let cases = EngineWorkload.standard.map { "\($0.preset.id) \($0.kind.rawValue) \($0.lines)" }
        #expect(cases == ["benxi-resident-2025 outpatient 5", "benxi-resident-2025 inpatient 50",
                          "xiamen-employee-2025 outpatient 5", "xiamen-employee-2025 inpatient 50",
                          "municipal-employee-2025 outpatient 5", "municipal-employee-2025 inpatient 50"])
    }

    @Test(arguments: EngineWorkload.standard.map(\.name))
    func inputsAreTheSeedsAndSettleExactly(name: String) throws {
        let workload = try #require(EngineWorkload.standard.first { $0.name == name })
        let inputs = try workload.inputs(seed: 42, count: 64)
        #expect(inputs.encounters == (try workload.inputs(seed: 42, count: 64)).encounters)
        #expect(inputs.encounters != (try workload.inputs(seed: 43, count: 64)).encounters)
        #expect(inputs.encounters.allSatisfy { $0.lines.count == workload.lines })
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
