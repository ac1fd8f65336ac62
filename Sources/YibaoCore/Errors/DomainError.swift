/// The one error shape every layer speaks: a stable code, a Chinese message first, the English beside it,
/// and the path of the offending field (`input.feedetail[3].det_item_fee_sumamt`, `benefits.deductible[0]`).
///
/// The server turns `kind` into an HTTP status (or an `infcode` on the HIS interface); nothing a client
/// can send should ever surface as anything but a `DomainError`.
public struct DomainError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        case invalid        // 400: the input is malformed or breaks a rule
        case unauthorized   // 401: no or bad credentials
        case forbidden      // 403: authenticated, but role or scope does not allow it
        case notFound       // 404
        case conflict       // 409: state does not allow it (duplicate, already cancelled, ...)
    }

    public var kind: Kind
    public var code: String
    public var message: String
    public var messageEn: String
    public var path: String?

    public init(_ kind: Kind = .invalid, code: String, message: String, messageEn: String, path: String? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.messageEn = messageEn
        self.path = path
    }

    /// The same error reported at a field path (prefixing any path it already had).
    public func at(_ field: String) -> DomainError {
        var copy = self
        if let inner = path, !inner.isEmpty {
            copy.path = inner.hasPrefix("[") ? field + inner : field + "." + inner
        } else {
            copy.path = field
        }
        return copy
    }

    public var description: String {
        let location = path.map { " [\($0)]" } ?? ""
        return "\(code)\(location): \(message) / \(messageEn)"
    }
}
