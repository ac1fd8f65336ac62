import YibaoCore

/// Settlements per second of the pure engine on one core, per preset and encounter shape, with
/// latency percentiles of single settlements. Inputs are generated up front from a seed so the loop
/// measures `SettlementEngine.settle` alone.
struct EngineBenchmark {
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

    func run(_ workload: EngineWorkload) throws -> Result {
        let inputs = try workload.inputs(seed: seed)
        var samples: [Duration] = []
        samples.reserveCapacity(1 << 20)
        let clock = ContinuousClock()
        let begin = clock.now
        let budget = Duration.milliseconds(Int64(seconds * 1000))
        var count = 0
        var sink: Int64 = 0
        while clock.now - begin < budget {
            for encounter in inputs.encounters {
                let t0 = clock.now
                let settlement = try workload.settle(encounter, with: inputs)
                samples.append(clock.now - t0)
                sink &+= settlement.psnCashPay.fen
            }
            count += inputs.encounters.count
        }
        let elapsed = clock.now - begin
        precondition(sink != Int64.min) // keeps the results alive
        samples.sort()
        return Result(name: workload.name, settlements: count,
                      seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                      p50: samples[samples.count / 2], p99: samples[samples.count * 99 / 100])
    }
}
