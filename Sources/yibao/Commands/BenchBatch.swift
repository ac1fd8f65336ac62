import ArgumentParser
import Foundation
import YibaoCore
import YibaoStore

extension Bench {
    /// Generation, the monthly billing run, the account-crediting run and the residents' annual billing
    /// timed one after the other on one database (by default a fresh SQLite file in the temporary
    /// directory, removed afterwards). The residents are billed for the year after the month's: the
    /// annual premium is collected in the autumn before its year.
    struct Batch: ReportingCommand {
        static let configuration = CommandConfiguration(
            abstract: "批处理基准：生成、月度核定、个人账户划入、居民年度核定 / batches: generation, monthly billing, account crediting, residents' annual billing")
        @OptionGroup var options: GenerateOptions
        @Option(help: "SQLite 文件或 postgres:// 地址（默认临时文件）/ SQLite file or postgres:// URL (default: a fresh temporary file)")
        var database: String?

        func execute() async throws {
            let temporary = database == nil
            let text = database ?? FileManager.default.temporaryDirectory.appendingPathComponent("yibao-bench-\(UUID().uuidString).sqlite").path
            defer {
                if temporary { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: text + suffix) } }
            }
            let options = options
            let location = try DatabaseLocation.parse(text)
            print("database: \(temporary ? "fresh SQLite file" : location.description)")
            print("step\tpersons\tseconds\tpersons/s\tresult")
            try await DatabaseOpening.with(location, logger: CommandLogging.logger) { db in
                let actor = AuditActor.commandLine(region: options.region)
                let (generated, generation) = try await Self.timed { try await options.generate(into: db) }
                ProgressBar.finish()
                Self.report("generate", options.persons, generation, options.describe(generated))
                let (billing, billed) = try await Self.timed {
                    try await BillingRun(database: db).run(region: options.region, month: options.month, by: actor, progress: ProgressBar.show)
                }
                ProgressBar.finish()
                Self.report("billing", billing.considered, billed, "\(billing.billed) billed, \(billing.alreadyBilled) already, "
                            + "employer \(billing.employerDue), individual \(billing.individualDue), \(billing.failures.count) failed")
                let (credit, credited) = try await Self.timed {
                    try await AccountCreditRun(database: db).run(region: options.region, month: options.month, by: actor, progress: ProgressBar.show)
                }
                ProgressBar.finish()
                Self.report("crediting", credit.considered, credited, "\(credit.credited) credited, \(credit.alreadyCredited) already, "
                            + "\(credit.skipped) nothing to credit, first \(credit.firstLevel), second \(credit.secondLevel)")
                let year = try BillingMonth.parse(options.month).year + 1
                let (residents, residentsBilled) = try await Self.timed {
                    try await ResidentBillingRun(database: db).run(region: options.region, year: year, by: actor)
                }
                Self.report("residents \(year)", residents.considered, residentsBilled,
                            "\(residents.billed) billed, \(residents.alreadyBilled) already, \(residents.awaitingSchool) awaiting their school, "
                            + "personal \(residents.personalDue), subsidy \(residents.subsidy), \(residents.failures.count) failed")
            }
        }

        static func timed<T>(_ body: () async throws -> T) async throws -> (T, Duration) {
            let clock = ContinuousClock()
            let start = clock.now
            let value = try await body()
            return (value, clock.now - start)
        }

        static func report(_ step: String, _ persons: Int, _ duration: Duration, _ result: String) {
            let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
            print("\(step)\t\(persons)\t\(String(format: "%.2f", seconds))\t\(seconds > 0 ? Int(Double(persons) / seconds) : 0)\t\(result)")
        }
    }
}
