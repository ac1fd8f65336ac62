/// One difference between two versions of a policy document, at a path inside it.
public struct PolicyChange: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case added, removed, changed
    }

    /// `benefits.coinsurance[1].ratio`.
    public var path: String
    public var kind: Kind
    /// The value in the older document as written there (flow style for lists and mappings);
    /// nil when `added`.
    public var old: String?
    /// The value in the newer document; nil when `removed`.
    public var new: String?

    public init(path: String, kind: Kind, old: String?, new: String?) {
        self.path = path
        self.kind = kind
        self.old = old
        self.new = new
    }

    /// `- path: old → new`, with `—` for the side where the value does not exist.
    public var description: String {
        "- \(path): \(old ?? "—") → \(new ?? "—")"
    }
}
