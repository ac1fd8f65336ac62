import ArgumentParser
import YibaoStore

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "演示数据 / demo data", subcommands: [Load.self])

    struct Load: ReportingCommand {
        static let configuration = CommandConfiguration(abstract: "载入演示统筹区、政策、机构和用户 / load the demo regions, policies, institutions and users")
        @OptionGroup var database: DatabaseOption

        func execute() async throws {
            let loaded = try await database.with { db in try await DemoData.load(into: db, logger: CommandLogging.logger) }
            print(loaded ? "演示数据已载入，演示用户密码 \(DemoData.password) / demo loaded, demo users' password \(DemoData.password)"
                         : "演示数据已存在 / demo data already present")
        }
    }
}
