import ArgumentParser
import YibaoCore
import YibaoStore

struct EmployersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "employers", abstract: "参保单位 / employers", subcommands: [ImportRoster.self])

    /// The console's roster import from the command line. Exit status 2 when the file has errors
    /// (and nothing was written unless --skip-invalid).
    struct ImportRoster: ReportingCommand {
        static let configuration = CommandConfiguration(
            commandName: "roster-import",
            abstract: "导入单位增减员 CSV（kind,certno,month）/ import an employer's roster changes from CSV (kind,certno,month)")
        @OptionGroup var database: DatabaseOption
        @Argument(help: "CSV 文件 / CSV file") var file: String
        @Option(help: "统筹区 / pooling region (admdvs)") var region: String
        @Option(help: "单位编号 / employer id") var employer: Int64
        @Flag(name: .long, help: "跳过错误行，导入其余各行 / write the valid lines of a file with errors") var skipInvalid = false

        func execute() async throws {
            let text = try TextFile.readImport(file)
            let (region, id, skip) = (try RegionCode.parse(region).value, employer, skipInvalid)
            let report = try await database.with { db in
                guard let employer = try await db.read({ sql in try await EmployerRepository.find(admdvs: region, id: id, in: sql) }) else {
                    throw DomainError(.notFound, code: "EMPLOYER_NOT_FOUND", message: "参保单位不存在：\(region)/\(id)",
                                      messageEn: "no employer \(id) in region \(region)", path: "employer")
                }
                return try await RosterImport.run(text, employer: employer, skipInvalid: skip, by: .commandLine(region: region),
                                                             database: db, progress: ProgressBar.show)
            }
            ProgressBar.finish()
            for error in report.errors { print(error.printed) }
            print("\(report.lines) 行 / lines: 增员 / hires \(report.hires), 减员 / leaves \(report.leaves), \(report.errors.count) 个错误 / errors"
                  + (report.written ? "，已写入 / written" : "（文件有错误，未写入 / the file has errors: nothing written）"))
            if !report.errors.isEmpty { throw ExitCode(2) }
        }
    }
}
