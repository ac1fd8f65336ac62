import ArgumentParser
import YibaoStore

struct AccountsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts", abstract: "个人账户 / personal accounts", subcommands: [Credit.self])

    /// Idempotent (see `AccountCreditRun`): a second run for the month prints "0 credited".
    struct Credit: ReportingCommand {
        static let configuration = CommandConfiguration(abstract: "按月划入个人账户 / credit one month's personal-account amounts (idempotent)")
        @OptionGroup var database: DatabaseOption
        @Option(help: "统筹区 / pooling region (admdvs)") var region: String
        @Option(help: "月份 YYYY-MM / month") var month: String

        func execute() async throws {
            let (region, month) = (region, month)
            let summary = try await database.with { db in
                try await AccountCreditRun(database: db).run(region: region, month: month, by: .commandLine(region: region),
                                                             progress: ProgressBar.show)
            }
            ProgressBar.finish()
            print("\(summary.region) \(summary.month): \(summary.considered) 人 / persons, \(summary.credited) 已划入 / credited, "
                  + "\(summary.alreadyCredited) 此前已划入 / already credited, \(summary.skipped) 无划入 / nothing to credit, "
                  + "一级 / first level \(summary.firstLevel), 二级 / second level \(summary.secondLevel)")
        }
    }
}
