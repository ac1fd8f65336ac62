import Foundation
import Hummingbird

/// A posted HTML form (`application/x-www-form-urlencoded`) as name → values, in field order.
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
        return FormBody(String(buffer: buffer))
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
