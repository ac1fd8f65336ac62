import Foundation
import Hummingbird

/// Encodes any Encodable as the JSON response body (keys as each type names them: the national
/// snake_case field names), with a status.
struct JSONResponse<Value: Encodable & Sendable>: ResponseGenerator {
    var status: HTTPResponse.Status = .ok
    var value: Value

    init(_ value: Value, status: HTTPResponse.Status = .ok) {
        self.value = value
        self.status = status
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// `{"items": [...]}` so lists can grow paging fields without breaking clients.
struct ItemList<Item: Encodable & Sendable>: Encodable, Sendable {
    var items: [Item]
}
