import ArgumentParser
import YibaoStore

struct BillingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "billing", abstract: "征缴核定 / contribution billing", subcommands: [Run.self, Residents.self, BackPaymentCommand.self])

    /// Idempotent and resumable (see `BillingRun`): a second run prints "0 billed".
    struct Run: ReportingCommand {
        static let configuration = CommandConfiguration(abstract: "按月生成应缴账单 / bill one month of a region (idempotent, resumable)")
        @OptionGroup var database: DatabaseOption
        @Option(help: "统筹区 / pooling region (admdvs)") var region: String
        @Option(help: "月份 YYYY-MM / month") var month: String

        func execute() async throws {
            let (region, month) = (region, month)
            let summary = try await database.with { db in
                try await BillingRun(database: db).run(region: region, month: month, by: .commandLine(region: region),
                                                       progress: ProgressBar.show)
            }
            ProgressBar.finish()
            print("\(summary.region) \(summary.month): \(summary.considered) 人 / persons, \(summary.billed) 新账单 / billed, "
                  + "\(summary.alreadyBilled) 已存在 / already billed, 单位应缴 / employer due \(summary.employerDue), "
                  + "个人应缴 / individual due \(summary.individualDue), \(summary.failures.count) 失败 / failed")
            for failure in summary.failures {
                print("✗ psn_no \(failure.psnNo) employer \(failure.employerID): \(failure.code) \(failure.message)")
            }
            if !summary.failures.isEmpty { throw ExitCode(2) }
        }
    }

    /// The residents' annual premiums of a year (`ResidentBillingRun`): idempotent like the monthly run.
    struct Residents: ReportingCommand {
        static let configuration = CommandConfiguration(
            abstract: "核定城乡居民年度个人缴费与财政补助 / bill the residents' annual premiums of a year (idempotent)")
        @OptionGroup var database: DatabaseOption
        @Option(help: "统筹区 / pooling region (admdvs)") var region: String
        @Option(help: "缴费年度 YYYY / contribution year") var year: Int

        func execute() async throws {
            let (region, year) = (region, year)
            let summary = try await database.with { db in
                try await ResidentBillingRun(database: db).run(region: region, year: year, by: .commandLine(region: region))
            }
            print("\(summary.region) \(summary.year): \(summary.considered) 人 / persons, \(summary.billed) 新账单 / billed, "
                  + "\(summary.alreadyBilled) 已存在 / already billed, \(summary.notEnrolled) 未参保 / not enrolled, "
                  + "\(summary.awaitingSchool) 待学校登记 / awaiting their school, "
                  + "个人应缴 / personal due \(summary.personalDue), 财政补助 / subsidy \(summary.subsidy) "
                  + "(市 / city \(summary.citySubsidy), 县区 / county \(summary.countySubsidy)), \(summary.failures.count) 失败 / failed")
            for failure in summary.failures { print("✗ psn_no \(failure.psnNo): \(failure.code) \(failure.message)") }
            if !summary.failures.isEmpty { throw ExitCode(2) }
        }
    }
}
