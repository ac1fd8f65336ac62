import Foundation
import Testing
@testable import YibaoCore

/// docs/policy-format.md shows bad files next to the exact lines they produce; this suite loads
/// each one, so the documentation cannot drift from the messages.
@Suite struct PolicyFormatDocTests {
    struct Example: CustomStringConvertible {
        var file: String
        var text: String
        var expected: [String]
        var description: String { file }
    }

    /// Every ```yaml block whose first line is `# file: NAME`, with the ```text block after it.
    static func examples() throws -> [Example] {
        let tests = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        let doc = try String(contentsOf: tests.appendingPathComponent("../../docs/policy-format.md").standardized, encoding: .utf8)
        let blocks = doc.components(separatedBy: "```").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        return zip(blocks, blocks.dropFirst()).compactMap { yaml, text -> Example? in
            guard yaml.hasPrefix("yaml\n# file: "), text.hasPrefix("text\n") else { return nil }
            let body = String(yaml.dropFirst("yaml\n".count))
            let file = String(body.prefix { $0 != "\n" }.dropFirst("# file: ".count))
            let lines = text.dropFirst("text\n".count).split(separator: "\n").map(String.init)
            return Example(file: file, text: body, expected: lines)
        }
    }

    @Test func everyExampleIsFound() throws {
        #expect(try Self.examples().map(\.file) == [
            "unclosed-quote.yaml", "twice.yaml", "missing.yaml", "bad-metadata.yaml", "region-210500.yaml",
        ])
    }

    @Test(arguments: try examples())
    func exampleProducesTheDocumentedLines(example: Example) {
        let lines: [String]
        do {
            if example.file.hasPrefix("region-") {
                _ = try RegionParameters.load(text: example.text, file: example.file)
            } else {
                _ = try PolicyDocument.load(text: example.text, file: example.file)
            }
            lines = []
        } catch {
            lines = error.lines
        }
        #expect(lines == example.expected)
    }
}
