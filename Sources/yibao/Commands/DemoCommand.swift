import ArgumentParser
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
            abstract: "生成合成统筹区（单位、参保人、机构、目录）/ generate a synthetic pooling region (employers, persons, institutions, catalogue)")
        @OptionGroup var options: GenerateOptions
        @OptionGroup var database: DatabaseOption

        func execute() async throws {
            let options = options
            let summary = try await database.with { db in try await options.generate(into: db) }
            ProgressBar.finish()
            print(summary.generated ? options.describe(summary) : "\(summary.region): 该合成人口已生成 / this population is already generated")
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
