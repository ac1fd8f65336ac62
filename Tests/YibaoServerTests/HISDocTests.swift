import Foundation
import Testing
import YibaoStore

/// docs/his-interface.md stays true to the demo and to the interface: its identity numbers are the demo
/// persons', every example request is valid JSON for the transaction of its section, and every
/// transaction the server offers is documented.
@Suite struct HISDocTests {
    static func doc() throws -> String {
        let tests = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        return try String(contentsOf: tests.appendingPathComponent("../../docs/his-interface.md").standardized, encoding: .utf8)
    }

    @Test func demoPersonsAndExamplesMatch() throws {
        let doc = try Self.doc()
        for name in ["张伟", "李娜", "王建国", "陈小红", "林志强", "赵丽", "孙浩", "周桂兰"] {
            let certno = try #require(DemoData.insuredCertno(name))
            #expect(doc.contains("| \(name) | `\(certno)` |"), "\(name)")
        }
        var documented: [String] = []
        for section in doc.components(separatedBy: "\n### ").dropFirst() {
            let infno = String(section.prefix(4))
            documented.append(infno)
            guard let start = section.range(of: "<<'EOF'\n"), let end = section.range(of: "\nEOF", range: start.upperBound..<section.endIndex) else {
                Issue.record("section \(infno) has no curl example"); continue
            }
            let body = try JSONSerialization.jsonObject(with: Data(section[start.upperBound..<end.lowerBound].utf8)) as? [String: Any]
            #expect(body?["infno"] as? String == infno)
            #expect(body?["input"] != nil)
        }
        #expect(Set(documented) == ["1101", "2201", "2204", "2206", "2207", "2208", "2401", "2301", "2303", "2304", "2305", "2402"])
    }
}
