import ArgumentParser
import YibaoCore
import YibaoStore

struct ArrearsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arrears", abstract: "欠费与滞纳金 / arrears and late fees", subcommands: [Accrue.self])

    /// Fees are derived from the dates, so this computes and prints; running it twice changes nothing.
    struct Accrue: ReportingCommand {
        static let configuration = CommandConfiguration(abstract: "计算截至某日的欠费、滞纳金和催缴级别 / arrears, late fees and escalation as of a date")
        @OptionGroup var database: DatabaseOption
        @Option(help: "统筹区 / pooling region (admdvs)") var region: String
        @Option(help: "截至日期 YYYY-MM-DD / as of") var on: String

        func execute() async throws {
            let date = try LocalDate.parse(on)
            let region = region
            let report = try await database.with { db in try await ArrearsReport.compute(region: region, on: date, database: db) }
            print("\(report.region) \(report.on): \(report.debts) 笔欠费 / debts, \(report.persons) 人 / persons, "
                  + "欠缴本金 / outstanding \(report.outstanding), 滞纳金 / late fees \(report.lateFees)")
            for (level, count) in report.escalations.sorted(by: { $0.key < $1.key }) { print("  \(level): \(count)") }
        }
    }
}
