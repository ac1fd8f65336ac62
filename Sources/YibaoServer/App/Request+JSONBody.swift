import Foundation
import Hummingbird

extension Request {
    /// Decodes a JSON body, letting `DecodingError` through unchanged so `ErrorMiddleware` can name
    /// the field and reason (Hummingbird's own `decode` folds it into a bare 400).
    func decodeJSON<T: Decodable>(as type: T.Type, context: YibaoRequestContext) async throws -> T {
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        return try JSONDecoder().decode(T.self, from: Data(buffer: buffer))
    }
}
