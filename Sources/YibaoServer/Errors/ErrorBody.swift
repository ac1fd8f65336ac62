import Foundation
import Hummingbird
import YibaoCore

/// The JSON every failed request gets: `{code, message, message_en, path}`.
struct ErrorBody: Codable, Sendable {
    var code: String
    var message: String
    var messageEn: String
    var path: String?

    enum CodingKeys: String, CodingKey {
        case code, message, messageEn = "message_en", path
    }

    init(_ error: DomainError) {
        code = error.code
        message = error.message
        messageEn = error.messageEn
        path = error.path
    }

    func response(status: HTTPResponse.Status) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data()
        return Response(status: status,
                        headers: [.contentType: "application/json; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension DomainError.Kind {
    var status: HTTPResponse.Status {
        switch self {
        case .invalid: return .badRequest
        case .unauthorized: return .unauthorized
        case .forbidden: return .forbidden
        case .notFound: return .notFound
        case .conflict: return .conflict
        }
    }
}
