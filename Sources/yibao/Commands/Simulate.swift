import ArgumentParser
import Foundation
import YibaoCore

/// The analysts' what-if calculator: settles a scenario file's encounters in order with the same
/// engine as the server, no database needed. Format: docs/simulate.md.
struct Simulate: ReportingCommand {
    static let configuration = CommandConfiguration(abstract: "政策测算 / settle a scenario's encounters with the policy engine (no database)")

    @Argument(help: "场景文件 / scenario file (YAML)") var file: String
    @Flag(help: "以表格输出 / print a table instead of JSON") var table = false
    @Flag(help: "附逐步说明 / add the step-by-step explanation") var explain = false

    func execute() async throws {
        let directory = URL(fileURLWithPath: file).deletingLastPathComponent()
        let text = try TextFile.read(file)
        let output = try Simulation.simulate(scenarioText: text, format: table ? .table : .json, explain: explain) { name in
            // Files named inside the scenario are relative to the scenario itself.
            try TextFile.read(name.hasPrefix("/") ? name : directory.appendingPathComponent(name).path)
        }
        print(output)
    }
}
