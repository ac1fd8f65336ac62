import Foundation
import Hummingbird

/// A posted HTML form as name → values, in field order: `application/x-www-form-urlencoded`, or
/// `multipart/form-data` when it carries a file (a file field's value is the file's text, read as UTF-8).
struct FormBody: Sendable {
    private(set) var fields: [(String, String)] = []

    init(_ text: String) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            fields.append((Self.decode(parts[0]), parts.count > 1 ? Self.decode(parts[1]) : ""))
        }
    }

    static func read(_ request: Request, context: YibaoRequestContext) async throws -> FormBody {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let type = request.headers[.contentType] ?? ""
        if type.lowercased().hasPrefix("multipart/form-data"), let range = type.range(of: "boundary=") {
            let boundary = type[range.upperBound...].prefix { $0 != ";" }.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
            return FormBody(multipart: String(buffer: buffer), boundary: boundary)
        }
        return FormBody(String(buffer: buffer))
    }

    /// Each part between `--boundary` lines: its headers (the field's name in Content-Disposition), a
    /// blank line, its value up to the CRLF before the next boundary.
    init(multipart text: String, boundary: String) {
        for part in text.components(separatedBy: "--" + boundary).dropFirst() {
            guard let split = part.range(of: "\r\n\r\n") else { continue }
            let headers = part[..<split.lowerBound]
            guard let nameStart = headers.range(of: "name=\"") else { continue }
            let name = String(headers[nameStart.upperBound...].prefix { $0 != "\"" })
            var value = part[split.upperBound...]
            // CRLF is one Character in Swift: dropping one drops the line end before the boundary.
            if value.hasSuffix("\r\n") { value = value.dropLast() }
            fields.append((name, String(value)))
        }
    }

    subscript(name: String) -> String? { fields.first { $0.0 == name }?.1 }

    private static func decode(_ part: Substring) -> String {
        let spaced = part.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}

extension FormBody {
    /// Every value sent under one name (checkbox groups).
    func values(_ name: String) -> [String] { fields.filter { $0.0 == name }.map(\.1) }
}
