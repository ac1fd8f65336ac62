import Foundation

/// What a browser posts: a `multipart/form-data` body with a file as its very bytes, the hidden fields
/// of a form on a page, and the test fixtures (`Tests/fixtures`) it chooses files from.
enum FormPosts {
    static let boundary = "----yibao-test-boundary"
    static let multipartType = "multipart/form-data; boundary=\(boundary)"

    static func multipart(_ fields: [(String, String)], file: (name: String, filename: String, bytes: [UInt8])) -> [UInt8] {
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\nContent-Type: text/csv\r\n\r\n".utf8)
        body += file.bytes + Array("\r\n--\(boundary)--\r\n".utf8)
        return body
    }

    static func fixture(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("fixtures").appendingPathComponent(name)
        return [UInt8](try Data(contentsOf: url))
    }

    /// The hidden fields of the form with `id` on a page, as a urlencoded body (HTML escapes undone).
    static func hiddenFields(of id: String, in html: String) -> String? {
        guard let start = html.range(of: "id=\"\(id)\"") else { return nil }
        let rest = html[start.upperBound...]
        let form = rest.range(of: "</form>").map { rest[..<$0.lowerBound] } ?? rest
        var pairs: [String] = []
        for input in form.components(separatedBy: "<input type=\"hidden\" name=\"").dropFirst() {
            let name = String(input.prefix { $0 != "\"" })
            guard let valueStart = input.range(of: "value=\"") else { continue }
            let value = unescape(String(input[valueStart.upperBound...].prefix { $0 != "\"" }))
            pairs.append(escape(name) + "=" + escape(value))
        }
        return pairs.joined(separator: "&")
    }

    static func escape(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text }

    private static func unescape(_ text: String) -> String {
        [("&quot;", "\""), ("&#39;", "'"), ("&#x27;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")]
            .reduce(text) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }
}
