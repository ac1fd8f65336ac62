import YibaoCore

/// Settlements per second of the pure engine on one core, per preset and encounter shape, with
/// latency percentiles of single settlements. Inputs are generated up front from a seed so the loop
/// measures `SettlementEngine.settle` alone.
struct EngineBenchmark {
    struct Case {
        var preset: PolicyPresets.Preset
        var kind: String
        var lines: Int
        var person: PersonProfile
    }

    struct Result {
        var name: String
        var settlements: Int
        var seconds: Double
        var p50: Duration
        var p99: Duration
        var perSecond: Double { Double(settlements) / seconds }
    }

    let seconds: Double
    let seed: UInt64

    func run(_ benchCase: Case) throws -> Result {
        let document = try PolicyPresets.document(benchCase.preset)
        guard let policy = document.section(BenefitPolicy.self) else {
            throw DomainError(code: "BENCH_NO_BENEFITS", message: "预置策略没有 benefits 部分", messageEn: "preset has no benefits section")
        }
        let w = try PolicyPresets.regionParameters(benchCase.preset).averageWage(forYear: 2025) ?? Money(yuan: 100_000)
        var rng = SeededGenerator(seed: seed)
        let start = document.metadata.effectiveFrom
        let encounters: [Encounter] = (0..<1_024).map { i in
            let date = start.adding(days: i % 200)
            return benchCase.kind == "inpatient"
                ? SyntheticEncounters.inpatient(lines: benchCase.lines, admitted: date, days: 7, grade: .grade2, using: &rng)
                : SyntheticEncounters.outpatient(lines: benchCase.lines, date: date, grade: .grade1, using: &rng)
        }
        let accumulators = Accumulators()
        var samples: [Duration] = []
        samples.reserveCapacity(1 << 20)
        let clock = ContinuousClock()
        let begin = clock.now
        let budget = Duration.milliseconds(Int64(seconds * 1000))
        var count = 0
        var sink: Int64 = 0
        while clock.now - begin < budget {
            for encounter in encounters {
                let t0 = clock.now
                let settlement = try SettlementEngine.settle(encounter, person: benchCase.person, policy: policy,
                                                             accumulators: accumulators, averageWage: w)
                samples.append(clock.now - t0)
                sink &+= settlement.psnCashPay.fen
            }
            count += encounters.count
        }
        let elapsed = clock.now - begin
        precondition(sink != Int64.min) // keeps the results alive
        samples.sort()
        let name = "\(benchCase.preset.id) \(benchCase.kind) \(benchCase.lines) lines"
        return Result(name: name, settlements: count, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                      p50: samples[samples.count / 2], p99: samples[samples.count * 99 / 100])
    }
}
