import ArgumentParser
import YibaoStore

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "操作日志 / the hash-chained audit trail", subcommands: [Verify.self])

    struct Verify: ReportingCommand {
        static let configuration = CommandConfiguration(abstract: "校验哈希链，指出第一条被改动的记录 / verify the chain; names the first broken row")
        @OptionGroup var database: DatabaseOption

        func execute() async throws {
            let report = try await database.with { db in try await AuditVerifier(database: db).verify() }
            if report.isIntact {
                print("操作日志完整 / audit trail intact: \(report.rowsChecked) rows in \(report.regions) region chain(s)")
            } else {
                for finding in report.findings { print("✗ \(finding)") }
                throw ExitCode(2)
            }
        }
    }
}
