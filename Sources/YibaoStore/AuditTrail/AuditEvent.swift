/// What a state-changing operation records about itself. Summaries are short human-readable texts
/// (or compact JSON) with personal identifiers already masked by the caller.
public struct AuditEvent: Sendable, Equatable {
    public var region: String
    public var actor: String
    public var role: String
    public var action: String
    public var target: String
    public var before: String
    public var after: String

    public init(region: String, actor: String, role: String, action: String, target: String,
                before: String = "", after: String = "") {
        self.region = region
        self.actor = actor
        self.role = role
        self.action = action
        self.target = target
        self.before = before
        self.after = after
    }
}

/// One stored link of a region's chain.
public struct AuditRecord: Sendable, Equatable, Codable {
    public var region: String
    public var seq: Int64
    public var at: Int64
    public var actor: String
    public var role: String
    public var action: String
    public var target: String
    public var before: String
    public var after: String
    public var prevHash: String
    public var hash: String
}
