import ArgumentParser
import YibaoStore

struct PaymentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payments", abstract: "到账对账单 / payment statements", subcommands: [Import.self])

    /// Exit status 2 when the file has errors (and nothing was imported unless --skip-invalid).
    struct Import: ReportingCommand {
        static let configuration = CommandConfiguration(
            abstract: "导入银行/税务到账对账单并冲抵账单 / import a statement CSV (payer,amount,paid_on[,reference]) and allocate it")
        @OptionGroup var database: DatabaseOption
        @Argument(help: "CSV 文件 / CSV file") var file: String
        @Option(help: "统筹区 / pooling region (admdvs)") var region: String
        @Option(help: "对账单编号（默认文件名）/ statement id (default: the file name)") var statement: String?
        @Flag(name: .long, help: "跳过错误行，导入其余各行 / import the valid lines of a file with errors") var skipInvalid = false

        func execute() async throws {
            let text = try TextFile.readImport(file)
            let (region, skip) = (region, skipInvalid)
            let name = statement ?? String(file.split(separator: "/").last ?? Substring(file))
            let report = try await database.with { db in
                try await PaymentStatementImport.run(text, statement: name, region: region, skipInvalid: skip,
                                                     by: .commandLine(region: region), database: db)
            }
            for error in report.errors { print(error.printed) }
            for line in report.unmatched { print("? 第 \(line.line) 行未匹配 / line \(line.line) unmatched: \(line.payer) \(line.amount)") }
            print("\(report.imported) 行已导入 / imported, \(report.alreadyImported) 行此前已导入 / already imported, "
                  + "冲抵 / allocated \(report.allocated), \(report.unmatched.count) 行未匹配 / unmatched, \(report.errors.count) 个错误 / errors"
                  + (report.errors.isEmpty || skip ? "" : "（文件有错误，未导入 / the file has errors: nothing imported）"))
            if !report.errors.isEmpty { throw ExitCode(2) }
        }
    }
}
