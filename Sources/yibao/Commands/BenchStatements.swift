import ArgumentParser
import Foundation
import SQLKit
import Synchronization
import YibaoStore

extension Bench {
    /// The floor under every settlement: the cheapest statement (`SELECT 1`) through the same stack the
    /// settlement path uses (`Database` → SQLKit → the driver), from many concurrent tasks. Its CPU cost
    /// times a flow's statement count is what the flow costs before it does any work of its own, which
    /// turns a statement count into a throughput ceiling for this machine.
    struct Statements: ReportingCommand {
        static let configuration = CommandConfiguration(
            abstract: "最便宜语句（SELECT 1）经同一数据库栈的成本 / the cheapest statement's cost through the same database stack")
        @Option(help: "SQLite 文件或 postgres:// 地址（默认临时文件）/ SQLite file or postgres:// URL (default: a fresh temporary file)")
        var database: String?
        @Option(help: "并发任务数 / concurrent tasks") var clients = 32
        @Option(help: "秒数 / seconds") var seconds = 5.0
        @Option(help: "每次会话（或事务）的语句数 / statements per session (or transaction)") var perSession = 20
        @Flag(help: "在写事务中执行（SQLite：单写连接）/ run inside write transactions (SQLite: the single writer)") var write = false
        @Flag(help: "每次会话的语句一并发出，不逐条等待（见 together）/ a session's statements handed to the driver together, not awaited one by one (see `together`)")
        var pipelined = false

        func execute() async throws {
            guard clients > 0, clients <= 1_024, seconds > 0, seconds <= 600, perSession > 0 else {
                throw ValidationError("--clients 1–1024, --seconds in (0, 600], --per-session positive")
            }
            let temporary = database == nil
            let text = database ?? FileManager.default.temporaryDirectory.appendingPathComponent("yibao-bench-\(UUID().uuidString).sqlite").path
            defer {
                if temporary { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: text + suffix) } }
            }
            let location = try DatabaseLocation.parse(text)
            let (clients, perSession, write, seconds, pipelined) = (clients, perSession, write, seconds, pipelined)
            let result = try await DatabaseOpening.with(location, migrate: false, logger: CommandLogging.logger) { db in
                try await Self.measure(db, clients: clients, perSession: perSession, write: write, seconds: seconds, pipelined: pipelined)
            }
            let count = Double(result.statements)
            let isPostgres = if case .postgres = location { true } else { false }
            print("database\tclients\tper session\tin\tstatements\tstatements/s\tthis process CPU µs/statement\tpostgres CPU µs/statement")
            print("\(temporary ? "sqlite (temporary)" : location.description)\t\(clients)\t\(perSession)\t\(write ? "write" : "read")\t"
                  + "\(result.statements)\t\(Int(count / result.seconds))\t\(Self.micros(result.ownCPU, count))\t"
                  + "\(isPostgres ? Self.micros(result.postgresCPU, count) : "-")")
        }

        struct Result: Sendable {
            var statements: Int
            var seconds: Double
            var ownCPU: Double
            var postgresCPU: Double
        }

        static let one = StaticSQL("SELECT 1 AS one")

        final class Counter: Sendable {
            let value = Atomic<Int>(0)
        }

        static func measure(_ db: any Database, clients: Int, perSession: Int, write: Bool, seconds: Double, pipelined: Bool) async throws -> Result {
            // One untimed round so that connections are open and statements prepared before the clock starts.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<clients { group.addTask { try await session(db, perSession: 1, write: write, pipelined: false) } }
                try await group.waitForAll()
            }
            let clock = ContinuousClock()
            let deadline = clock.now + .milliseconds(Int64(seconds * 1000))
            let count = Counter()
            let (ownBefore, postgresBefore) = (Self.ownCPUSeconds(), Self.postgresCPUSeconds())
            let begin = clock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<clients {
                    group.addTask {
                        while clock.now < deadline {
                            try await session(db, perSession: perSession, write: write, pipelined: pipelined)
                            count.value.add(perSession, ordering: .relaxed)
                        }
                    }
                }
                try await group.waitForAll()
            }
            let elapsed = clock.now - begin
            return Result(statements: count.value.load(ordering: .relaxed),
                          seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                          ownCPU: Self.ownCPUSeconds() - ownBefore, postgresCPU: Self.postgresCPUSeconds() - postgresBefore)
        }

        static func session(_ db: any Database, perSession: Int, write: Bool, pipelined: Bool) async throws {
            let body: @Sendable (any SQLDatabase) async throws -> Void = { sql in
                guard pipelined else {
                    for _ in 0..<perSession { _ = try await sql.first(one) }
                    return
                }
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<perSession { group.addImmediateTask { _ = try await sql.first(one) } }
                    try await group.waitForAll()
                }
            }
            if write { try await db.write(body) } else { try await db.read(body) }
        }

        /// User + system CPU seconds of this process.
        static func ownCPUSeconds() -> Double {
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        }

        /// User + system CPU seconds of every process named `postgres` on this machine (its backends and
        /// background workers), from /proc; 0 where there is none.
        static func postgresCPUSeconds() -> Double {
            let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
            let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.filter { $0.allSatisfy(\.isNumber) } ?? []
            var total = 0.0
            for pid in pids {
                guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                      let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")"),
                      stat[stat.index(after: open)..<close] == "postgres" else { continue }
                // Fields after the command: state is field 3, utime 14 and stime 15 (1-based).
                let fields = stat[stat.index(close, offsetBy: 2)...].split(separator: " ")
                guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { continue }
                total += (user + system) / ticks
            }
            return total
        }

        static func micros(_ cpuSeconds: Double, _ statements: Double) -> String {
            statements > 0 ? String(format: "%.1f", cpuSeconds * 1e6 / statements) : "-"
        }
    }
}
