import Benchmark
import YibaoCore

/// The benefit engine on one core, in memory: one benchmark per `EngineWorkload` case, each iteration
/// one settlement from empty accumulators over encounters generated up front from a fixed seed.
/// Throughput, wall-clock percentiles and allocations per settlement (the malloc interposer).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.throughput, .wallClock, .mallocCountTotal],
                                           scalingFactor: .kilo, maxDuration: .seconds(3), maxIterations: 10_000)
    for workload in EngineWorkload.standard {
        let inputs: EngineWorkload.Inputs
        do { inputs = try workload.inputs(seed: 42) } catch { fatalError("\(workload.name): \(error)") }
        Benchmark(workload.name) { benchmark in
            var next = 0
            for _ in benchmark.scaledIterations {
                blackHole(try workload.settle(inputs.encounters[next], with: inputs))
                next = (next + 1) % inputs.encounters.count
            }
        }
    }
}
