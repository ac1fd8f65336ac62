import ArgumentParser
import YibaoStore

struct AccountsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts", abstract: "个人账户 / personal accounts", subcommands: [Credit.self])

    /// Idempotent (see `AccountCreditRun`): a second run for the month or year prints "0 credited".
    struct Credit: ReportingCommand {
        static let configuration = CommandConfiguration(
            abstract: "划入个人账户（按月 --month 或按年 --year，依政策）/ credit personal accounts for a month or, where the policy credits annually, a year (idempotent)")
        @OptionGroup var database: DatabaseOption
        @Option(help: "统筹区 / pooling region (admdvs)") var region: String
        @Option(help: "月份 YYYY-MM / month (monthly crediting)") var month: String?
        @Option(help: "年度 YYYY / year (annual crediting)") var year: Int?

        func validate() throws {
            guard (month == nil) != (year == nil) else { throw ValidationError("give either --month or --year / 请指定 --month 或 --year 之一") }
        }

        func execute() async throws {
            let (region, month, year) = (region, month, year)
            let summary = try await database.with { db in
                let run = AccountCreditRun(database: db)
                if let year {
                    return try await run.run(region: region, year: year, by: .commandLine(region: region), progress: ProgressBar.show)
                }
                return try await run.run(region: region, month: month ?? "", by: .commandLine(region: region), progress: ProgressBar.show)
            }
            ProgressBar.finish()
            print("\(summary.region) \(summary.period): \(summary.considered) 人 / persons, \(summary.credited) 已划入 / credited, "
                  + "\(summary.alreadyCredited) 此前已划入 / already credited, \(summary.skipped) 无划入 / nothing to credit, "
                  + "一级 / first level \(summary.firstLevel), 二级 / second level \(summary.secondLevel)")
        }
    }
}
