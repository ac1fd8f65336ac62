import ArgumentParser
import YibaoStore

struct Migrate: ReportingCommand {
    static let configuration = CommandConfiguration(abstract: "升级数据库结构 / apply pending schema migrations")
    @OptionGroup var database: DatabaseOption

    func execute() async throws {
        let applied = try await database.with { db in
            try await Migrator(database: db, logger: CommandLogging.logger).appliedVersions()
        }
        print("数据库结构版本 / schema versions applied: \(applied.sorted().map(String.init).joined(separator: ", "))")
    }
}
