import ArgumentParser
import Foundation
import YibaoCore
import YibaoStore

struct PolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "政策文件 / policy documents",
        subcommands: [Validate.self, Show.self, Diff.self, Import.self])

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "校验政策文件 / check policy files; lists every problem with its path")
        @Argument(help: "YAML/JSON 文件 / files") var files: [String]

        func run() throws {
            var failed = false
            for file in files {
                do {
                    let document = try PolicyFile.load(file)
                    print("✓ \(file): \(document.metadata.id) \(document.metadata.region) \(document.metadata.insutype.rawValue) 自 \(document.metadata.effectiveFrom) 起生效 / effective from \(document.metadata.effectiveFrom)")
                } catch {
                    failed = true
                    _ = Failure.report(error)
                }
            }
            if failed { throw ExitCode.failure }
        }
    }

    struct Show: ReportingCommand {
        static let configuration = CommandConfiguration(abstract: "显示某日生效的政策 / show the document in force on a date")
        @Option(help: "统筹区 / region code (admdvs)") var region: String
        @Option(help: "险种 / insutype, e.g. 310, 390") var insutype: String
        @Option(help: "日期 / date YYYY-MM-DD") var on: String
        @OptionGroup var database: DatabaseOption

        func execute() async throws {
            let region = try RegionCode.parse(region)
            let insutype = try Insutype.parse(insutype)
            let date = try LocalDate.parse(on)
            let document = try await database.with { db in
                try await PolicyRepository(database: db).inForce(region: region.value, insutype: insutype.rawValue, on: date)
            }
            guard let document else {
                throw DomainError(.notFound, code: "POLICY_NONE_IN_FORCE",
                                  message: "\(region) 的险种 \(insutype.rawValue) 在 \(date) 没有生效的政策文件",
                                  messageEn: "no policy in force for region \(region) insutype \(insutype.rawValue) on \(date)")
            }
            let m = document.metadata
            print("# \(m.id): \(m.title ?? "") — \(m.insutype.name)，自 \(m.effectiveFrom) 起生效 / effective from \(m.effectiveFrom)")
            print(document.text)
        }
    }

    struct Diff: ReportingCommand {
        static let configuration = CommandConfiguration(abstract: "比较两个政策文件 / structural diff of two policy files")
        @Argument(help: "旧文件 / older file") var a: String
        @Argument(help: "新文件 / newer file") var b: String

        func execute() async throws {
            let changes = PolicyDiff.between(try PolicyFile.load(a), try PolicyFile.load(b))
            print(changes.isEmpty ? "无差异 / no differences" : PolicyDiff.render(changes))
        }
    }

    struct Import: ReportingCommand {
        static let configuration = CommandConfiguration(abstract: "发布政策文件到数据库 / publish policy files into the database")
        @Argument(help: "YAML/JSON 文件 / files") var files: [String]
        @OptionGroup var database: DatabaseOption

        func execute() async throws {
            let documents = try PolicyFile.loadAll(files)
            try await database.with { db in
                let repository = PolicyRepository(database: db)
                for document in documents {
                    try await db.write { sql in
                        try await repository.store(document, by: .commandLine(region: document.metadata.region.value), in: sql)
                    }
                    print("已发布 / published \(document.metadata.id)")
                }
            }
        }
    }
}

/// Reading a policy file from disk is the CLI's job; parsing and checking is YibaoCore's.
enum PolicyFile {
    /// Loads every file before anything is written, so one bad file publishes nothing. Kept out of
    /// line: inlined into an async caller, this typed-throws call crashed the optimiser (Swift 6.3.1).
    @inline(never)
    static func loadAll(_ paths: [String]) throws -> [PolicyDocument] {
        var documents: [PolicyDocument] = []
        for path in paths { documents.append(try load(path)) }
        return documents
    }

    static func load(_ path: String) throws -> PolicyDocument {
        try PolicyDocument.load(text: try TextFile.read(path), file: path)
    }
}
