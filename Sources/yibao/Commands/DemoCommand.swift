import ArgumentParser
import YibaoCore
import YibaoStore

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "演示数据 / demo data", subcommands: [Load.self, Generate.self])

    struct Load: ReportingCommand {
        static let configuration = CommandConfiguration(abstract: "载入演示统筹区、政策、机构和用户 / load the demo regions, policies, institutions and users")
        @OptionGroup var database: DatabaseOption

        func execute() async throws {
            let loaded = try await database.with { db in try await DemoData.load(into: db, logger: CommandLogging.logger) }
            print(loaded ? "演示数据已载入，演示用户密码 \(DemoData.password) / demo loaded, demo users' password \(DemoData.password)"
                         : "演示数据已存在 / demo data already present")
        }
    }

    /// Reproducible from the seed (see `SyntheticRegionWriter`); resumable after a crash by running it again.
    struct Generate: ReportingCommand {
        static let configuration = CommandConfiguration(
            abstract: "生成合成统筹区（单位、参保人、机构、目录、就诊结算）/ generate a synthetic pooling region (employers, persons, institutions, catalogue, settled encounters)")
        @OptionGroup var options: GenerateOptions
        @Option(help: "再按实时结算流程结算的就诊数（门诊、药店购药、住院）/ encounters to settle afterwards through real-time settlement (outpatient, pharmacy, inpatient)")
        var encounters = 0
        @Option(help: "并行结算的通道数 / lanes settling side by side") var lanes = 4

        @OptionGroup var database: DatabaseOption

        func validate() throws {
            guard encounters >= 0 else { throw ValidationError("--encounters 不能为负 / must not be negative") }
            guard (1...64).contains(lanes) else { throw ValidationError("--lanes 须在 1 到 64 之间 / must be between 1 and 64") }
        }

        func execute() async throws {
            let (options, encounters, lanes) = (options, encounters, lanes)
            let (summary, settled) = try await database.with { db in
                let summary = try await options.generate(into: db)
                ProgressBar.finish()
                guard encounters > 0 else { return (summary, SyntheticEncounterWriter.Summary?.none) }
                let settled = try await SyntheticEncounterWriter(database: db, lanes: lanes).write(
                    region: options.region, providers: try options.providers, encounters: encounters, seed: options.seed, month: options.month,
                    by: .commandLine(region: options.region), progress: ProgressBar.show)
                ProgressBar.finish()
                return (summary, settled)
            }
            print(summary.generated ? options.describe(summary) : "\(summary.region): 该合成人口已生成 / this population is already generated")
            if let settled { print(settled.generated ? Self.describe(settled) : "\(settled.region): 该就诊结算流已生成 / this encounter stream is already settled") }
        }

        static func describe(_ s: SyntheticEncounterWriter.Summary) -> String {
            let refused = s.refused.values.reduce(0, +)
            return "\(s.region): \(s.bills) 就诊 / encounters, \(s.settled) 已结算 / settled (医疗费 / medfee \(s.medfee) = 基金 / funds \(s.fundPay)"
                + " + 个人账户 / account \(s.accountPay) + 现金 / cash \(s.cash)), \(refused) 拒绝 / refused"
                + (refused > 0 ? " (" + s.refused.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ", \(s.refusedAmount))" : "")
        }
    }
}

/// The options of a generation, shared by `demo generate` and `bench batch`.
struct GenerateOptions: ParsableArguments {
    @Option(help: "参保人数 / persons") var persons = 10_000
    @Option(help: "定点机构数（默认 人数/2000，至少 6）/ institutions (default persons/2000, at least 6)") var institutions: Int?
    @Option(help: "随机种子 / seed") var seed: UInt64 = 42
    @Option(help: "统筹区；不存在时按市级职工+本溪居民政策建立 / region; created with the municipal employee and Benxi resident presets if absent")
    var region = "329800"
    @Option(help: "数据截至月份 YYYY-MM（欠费为此前月份）/ the month the region is as of (arrears are the months before)") var month = "2026-11"

    var institutionCount: Int { institutions ?? max(6, persons / 2_000) }

    /// The providers the generation wrote (pure, regenerated from the same options).
    var providers: SyntheticProviders {
        get throws { SyntheticProviders(region: try RegionCode.parse(region), institutions: institutionCount, seed: seed) }
    }

    func generate(into db: any Database) async throws -> SyntheticRegionWriter.Summary {
        try await DemoData.load(into: db, logger: CommandLogging.logger)
        return try await SyntheticRegionWriter(database: db).generate(
            region: region, persons: persons, institutions: institutionCount, seed: seed, month: month,
            by: .commandLine(region: region), progress: ProgressBar.show)
    }

    func describe(_ s: SyntheticRegionWriter.Summary) -> String {
        "\(s.region): \(s.persons) 参保人 / persons, \(s.employers) 单位 / employers, \(s.institutions) 机构 / institutions, "
            + "\(s.catalogueItems) 目录条目 / catalogue entries, \(s.declaredItems) 申报条目 / declared lines, \(s.unpaidBills) 欠费账单 / unpaid bills"
    }
}
