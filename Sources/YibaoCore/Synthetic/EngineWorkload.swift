/// The engine benchmarks' cases and inputs, shared by `yibao bench engine` and the package-benchmark
/// suite (`Benchmarks/`), so that both measure the same settlements: each preset with a typical person,
/// outpatient encounters of 5 lines and admissions of 50 (the targets), and a city's mixed
/// stream (`SyntheticEncounters.stream`), generated from a seed.
public struct EngineWorkload: Sendable {
    public var preset: PolicyPresets.Preset
    public var kind: Kind
    public var lines: Int
    public var person: PersonProfile

    public enum Kind: String, Sendable { case outpatient, inpatient, mixed }

    /// `benxi-resident-2025 outpatient 5 lines`, `benxi-resident-2025 mixed stream`.
    public var name: String { kind == .mixed ? "\(preset.id) mixed stream" : "\(preset.id) \(kind.rawValue) \(lines) lines" }

    /// Every preset: outpatient (5 lines), inpatient (50 lines) and the mixed stream (`lines` unused).
    public static let standard: [EngineWorkload] = {
        let resident = PersonProfile(category: .residentAdult, continuousYears: 3)
        let xiamen = PersonProfile(category: .employee, account: AccountBalances(firstLevel: Money(yuan: 2_000)))
        let municipal = PersonProfile(category: .employee, account: AccountBalances(firstLevel: Money(yuan: 800), secondLevel: Money(yuan: 3_000)))
        return [(PolicyPresets.benxiResident, resident), (PolicyPresets.xiamenEmployee, xiamen), (PolicyPresets.municipalEmployee, municipal)]
            .flatMap { preset, person in
                [EngineWorkload(preset: preset, kind: .outpatient, lines: 5, person: person),
                 EngineWorkload(preset: preset, kind: .inpatient, lines: 50, person: person),
                 EngineWorkload(preset: preset, kind: .mixed, lines: 0, person: person)]
            }
    }()

    /// What one settlement needs besides the encounter.
    public struct Inputs: Sendable {
        public var policy: BenefitPolicy
        public var averageWage: Money
        public var encounters: [Encounter]
    }

    /// The preset's benefits and W, and `count` encounters drawn from `seed`, dated through the
    /// policy's first 200 days (a 7-day stay for the 50-line admissions).
    public func inputs(seed: UInt64, count: Int = 1_024) throws -> Inputs {
        let document = try PolicyPresets.document(preset)
        guard let policy = document.section(BenefitPolicy.self) else {
            throw DomainError(code: "BENCH_NO_BENEFITS", message: "预置策略没有 benefits 部分", messageEn: "preset has no benefits section")
        }
        let w = try PolicyPresets.regionParameters(preset).averageWage(forYear: 2025) ?? Money(yuan: 100_000)
        var rng = SeededGenerator(seed: seed)
        let start = document.metadata.effectiveFrom
        let encounters: [Encounter]
        switch kind {
        case .mixed:
            encounters = SyntheticEncounters.stream(count: count, start: start, days: 200, using: &rng)
        case .outpatient, .inpatient:
            encounters = (0..<count).map { i in
                let date = start.adding(days: i % 200)
                return kind == .inpatient
                    ? SyntheticEncounters.inpatient(lines: lines, admitted: date, days: 7, grade: .grade2, using: &rng)
                    : SyntheticEncounters.outpatient(lines: lines, date: date, grade: .grade1, using: &rng)
            }
        }
        return Inputs(policy: policy, averageWage: w, encounters: encounters)
    }

    /// One settlement from empty accumulators, as the benchmarks time it.
    public func settle(_ encounter: Encounter, with inputs: Inputs) throws -> Settlement {
        try SettlementEngine.settle(encounter, person: person, policy: inputs.policy, accumulators: Accumulators(),
                                    averageWage: inputs.averageWage)
    }
}
