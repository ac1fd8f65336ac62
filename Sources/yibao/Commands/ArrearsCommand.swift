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
        @Flag(help: "逐笔列出欠费（逾期最久者在前）/ list every debt, longest overdue first") var list = false

        func execute() async throws {
            let date = try LocalDate.parse(on)
            let (region, listing) = (region, list)
            let report = try await database.with { db in try await ArrearsReport.compute(region: region, on: date, listing: listing, database: db) }
            print("\(report.region) \(report.on): \(report.debts) 笔欠费 / debts, \(report.persons) 人 / persons, "
                  + "欠缴本金 / outstanding \(report.outstanding), 滞纳金 / late fees \(report.lateFees)")
            for (level, count) in report.escalations.sorted(by: { $0.key < $1.key }) { print("  \(level): \(count)") }
            if listing { print("psn_no\temployer_id\tmonth\toutstanding\tlate_fee\tmonths_overdue\tlevel") }
            for line in report.lines {
                print("\(line.psnNo)\t\(line.employerID)\t\(line.month)\t\(line.outstanding)\t\(line.lateFee)\t\(line.monthsOverdue)\t\(line.level ?? "")")
            }
        }
    }
}
