/// One top-level section of a policy document (`benefits`, later `contributions`, `accounts` ...).
///
/// The document container decodes each registered section from its key and then asks it for the
/// semantic problems that decoding alone cannot see (segments out of order, a ratio above 100%,
/// a cap below a deductible). Every problem names its path inside the document.
public protocol PolicySection: Codable, Sendable {
    /// The key under which the section stands at the top of the document.
    static var key: String { get }
    /// Semantic checks; `path` is where the section stands (normally `key`).
    func validate(at path: String) -> [PolicyIssue]
}

/// One problem found in a policy document: where (`benefits.coinsurance[2].ratio`) and why.
public struct PolicyIssue: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var messageEn: String

    public init(path: String, message: String, messageEn: String) {
        self.path = path
        self.message = message
        self.messageEn = messageEn
    }

    /// `path: 中文 / English`; a problem with the whole file (a syntax error) has an empty path and prints none.
    public var description: String { (path.isEmpty ? "" : "\(path): ") + "\(message) / \(messageEn)" }
}
