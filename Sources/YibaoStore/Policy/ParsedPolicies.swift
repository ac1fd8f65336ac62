import Synchronization
import YibaoCore

/// Parsed policy documents by (doc_id, SHA-256 of the stored text). Published versions are immutable
/// and the parse is a pure function of the text, so a parsed version can be reused for as long as the
/// process lives; parsing the YAML took more than half of a real-time settlement's CPU time before.
/// The digest in the key makes a reused id in another database (tests, demo reloads) a different entry.
final class ParsedPolicies: Sendable {
    static let shared = ParsedPolicies()
    /// Far above the versions one region set has; past it the cache starts over rather than grow.
    static let capacity = 1_024

    private let entries = Mutex<[String: PolicyDocument]>([:])

    func document(id: String, digest: String) -> PolicyDocument? {
        entries.withLock { $0[Self.key(id, digest)] }
    }

    func store(_ document: PolicyDocument, id: String, digest: String) {
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll() }
            entries[Self.key(id, digest)] = document
        }
    }

    private static func key(_ id: String, _ digest: String) -> String { id + "\u{0}" + digest }
}
