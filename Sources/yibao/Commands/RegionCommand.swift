import ArgumentParser
import YibaoCore
import YibaoStore

struct RegionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "region", abstract: "统筹区与年度基数 / pooling regions and yearly bases",
        subcommands: [Add.self, Wage.self, List.self])

    struct Add: ReportingCommand {
        static let configuration = CommandConfiguration(abstract: "登记统筹区 / register a pooling region")
        @Argument(help: "行政区划代码 / admdvs") var admdvs: String
        @Argument(help: "名称 / name") var name: String
        @Option(help: "英文名 / English name") var nameEn = ""
        @Option(help: "上级统筹区 / parent region") var parent: String?
        @OptionGroup var database: DatabaseOption

        func execute() async throws {
            let record = RegionRecord(admdvs: admdvs, name: name, nameEn: nameEn, parent: parent)
            try await database.with { db in
                try await db.write { sql in
                    try await RegionRepository(database: db).create(record, by: .commandLine(region: admdvs), in: sql)
                }
            }
            print("已登记 / registered \(admdvs) \(name)")
        }
    }

    struct Wage: ReportingCommand {
        static let configuration = CommandConfiguration(abstract: "设定年度社平工资 / set a year's average wage W")
        @Argument(help: "统筹区 / admdvs") var admdvs: String
        @Argument(help: "年度 / year") var year: Int
        @Argument(help: "社平工资（元，如 85000.00）/ average wage in yuan") var amount: String
        @OptionGroup var database: DatabaseOption

        func execute() async throws {
            let wage = try Money.parse(amount)
            try await database.with { db in
                try await db.write { sql in
                    try await RegionRepository(database: db).setParameters(
                        region: admdvs, year: year, averageWage: wage, averagePension: nil, minimumWage: nil,
                        by: .commandLine(region: admdvs), in: sql)
                }
            }
            print("已设定 / set \(admdvs) \(year) avg_wage=\(wage)")
        }
    }

    struct List: ReportingCommand {
        static let configuration = CommandConfiguration(abstract: "列出统筹区 / list regions")
        @OptionGroup var database: DatabaseOption

        func execute() async throws {
            for region in try await database.with({ db in try await RegionRepository(database: db).all() }) {
                print("\(region.admdvs)\t\(region.name)\t\(region.nameEn)\t\(region.parent ?? "")")
            }
        }
    }
}
