import ArgumentParser
import Foundation
import YibaoCore
import YibaoStore

struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "性能基准 / benchmarks (run a release build: swift run -c release yibao bench engine)",
        subcommands: [Engine.self, HTTP.self, Batch.self, Statements.self])

    struct Engine: ReportingCommand {
        /// Microseconds with two decimals, from the duration's integer parts (no float formatting surprises).
        static func micros(_ d: Duration) -> String {
            let nanos = d.components.seconds * 1_000_000_000 + d.components.attoseconds / 1_000_000_000
            let hundredths = (nanos + 5) / 10
            let frac = hundredths % 100
            return "\(hundredths / 100).\(frac < 10 ? "0" : "")\(frac)"
        }

        static let configuration = CommandConfiguration(abstract: "结算引擎吞吐量（单核、内存中）/ engine settlements per second on one core, in memory")
        @Option(help: "每项运行秒数 / seconds per case") var seconds = 3.0
        @Option(help: "随机种子 / seed") var seed: UInt64 = 42

        func execute() async throws {
            let bench = EngineBenchmark(seconds: seconds, seed: seed)
            print("case\tsettlements/s\tp50 µs\tp99 µs\tsettlements")
            for workload in EngineWorkload.standard {
                let r = try bench.run(workload)
                print("\(r.name)\t\(Int(r.perSecond))\t\(Self.micros(r.p50))\t\(Self.micros(r.p99))\t\(r.settlements)")
            }
        }
    }

    struct HTTP: ReportingCommand {
        static let configuration = CommandConfiguration(
            commandName: "http",
            abstract: "HIS 实时结算（HTTP，本机）/ real-time settlement over HTTP against a server on 127.0.0.1")
        @Option(help: "服务地址，只允许 127.0.0.1 / server URL; only 127.0.0.1 is allowed") var url = "http://127.0.0.1:8080"
        @Option(help: "HIS 系统令牌（或 $YIBAO_BENCH_TOKEN）/ the HIS token (or $YIBAO_BENCH_TOKEN)") var token: String?
        @Option(help: "定点机构（默认演示医院，pharmacy 为演示药房）/ institution of the token (default the demo hospital, for pharmacy the demo pharmacy)")
        var institution: String?
        @Option(help: "并发客户端数，逗号分隔 / concurrent clients per level") var clients = "1,8,32,128"
        @Option(help: "每级秒数 / seconds per level") var seconds = 10.0
        @Option(help: "每级最多结算笔数（settle 预先登记这么多就诊，默认为每秒 3000 笔够用的数量，至多 200000）/ at most this many settlements per level (settle registers this many visits first: by default enough for 3000/s over --seconds, at most 200000; others default 1000000)")
        var maxRequests: Int?
        @Option(help: "outpatient (2201+2204+2207, 5 lines) | settle (2204+2207 on visits registered before the clock) | inpatient (2401+2301+2402+2304, 50 lines) | pharmacy (2201+2204+2207 at a pharmacy, med_type 41, 5 drug lines) | envelope (three calls that stop before any transaction: the floor)")
        var kind = "outpatient"
        @Option(help: "至多结算的参保人数（每客户端 4 人），取自演示生成的人口 / at most this many insured people of the demo's generated population (four per client)")
        var persons = 256
        @Flag(help: "所有客户端用同一参保人（串行账户）/ every client settles for the same person") var samePerson = false

        func execute() async throws {
            guard let parsed = URL(string: url), parsed.scheme == "http", parsed.host == "127.0.0.1",
                  parsed.path.isEmpty || parsed.path == "/", let port = UInt16(exactly: parsed.port ?? 80) else {
                throw ValidationError("--url must be http://127.0.0.1:PORT (the benchmark only loads this machine)")
            }
            guard let token = token ?? Environment.value("YIBAO_BENCH_TOKEN") else { throw ValidationError("--token or $YIBAO_BENCH_TOKEN is required") }
            guard let kind = HTTPBenchmark.Kind(rawValue: kind) else {
                throw ValidationError("--kind must be one of \(HTTPBenchmark.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let levels = clients.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.filter { $0 > 0 }
            let maxFlows = maxRequests ?? (kind == .settle ? min(200_000, Int(seconds * 3_000)) : 1_000_000)
            guard !levels.isEmpty, seconds > 0, seconds <= 600, maxFlows > 0, kind != .settle || maxFlows <= 200_000 else {
                throw ValidationError("--clients must list positive numbers; --seconds in (0, 600]; --max-requests positive (at most 200000 with --kind settle)")
            }
            guard (1...2_000).contains(persons) else { throw ValidationError("--persons must be 1–2000") }
            // Employees and retirees enrolled without a gap or arrears: each settles in full, as at a city's
            // counters, where concurrent settlements are for different people.
            // Four per client are enough to keep clients apart, and fewer 1101 look-ups before the level
            // keep them out of the CPU figures of small levels.
            let wanted = min(persons, 4 * (levels.max() ?? 1))
            let certnos = samePerson ? DemoData.insuredCertno("张伟").map { [$0] } ?? []
                : try DemoData.population().filter { $0.insutype == .employeeBasic && !$0.isInterrupted && $0.arrears.isEmpty }
                    .prefix(wanted).map(\.certno.value)
            let bench = HTTPBenchmark(port: port, token: token, institution: institution ?? (kind == .pharmacy ? "P35020000001" : "H35020000001"), kind: kind, runID: "B\(Clock.nowMillis())")
            let psnNos = try bench.persons(certnos: certnos)
            print("kind\tclients\tsettlements\tsettlements/s\tsettle p50 ms\tp95 ms\tp99 ms\tflow p50 ms\tflow p99 ms\terrors\tserver CPU ms/flow\twriter held ms/flow")
            for (level, clients) in levels.enumerated() {
                let r = try await bench.run(clients: clients, seconds: seconds, maxFlows: maxFlows, persons: psnNos, level: level)
                func pct(_ samples: [Duration], _ p: Int) -> String {
                    samples.isEmpty ? "-" : Self.millis(samples[min(samples.count - 1, samples.count * p / 100)])
                }
                let errors = r.errors.sorted { $0.key < $1.key }.map { "\($0.key)×\($0.value)" }.joined(separator: ", ")
                func perFlow(_ seconds: Double?) -> String {
                    guard let seconds, r.settlements > 0 else { return "-" }
                    return Self.millis(.microseconds(Int64((seconds * 1_000_000 / Double(r.settlements)).rounded())))
                }
                print("\(kind.rawValue)\t\(clients)\t\(r.settlements)\t\(Int(r.perSecond))\t\(pct(r.settle, 50))\t\(pct(r.settle, 95))\t\(pct(r.settle, 99))\t\(pct(r.flow, 50))\t\(pct(r.flow, 99))\t\(errors.isEmpty ? "0" : errors)\t\(perFlow(r.serverCPU))\t\(perFlow(r.writerHeld))")
            }
        }

        /// Milliseconds with two decimals.
        static func millis(_ d: Duration) -> String {
            let micros = d.components.seconds * 1_000_000 + d.components.attoseconds / 1_000_000_000_000
            let hundredths = (micros + 5) / 10
            let frac = hundredths % 100
            return "\(hundredths / 100).\(frac < 10 ? "0" : "")\(frac)"
        }
    }
}
