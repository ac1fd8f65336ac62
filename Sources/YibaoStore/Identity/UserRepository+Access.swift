import SQLKit
import YibaoCore

/// One API token as an administrator sees it: never the secret, which is shown once at issue.
public struct APITokenRecord: Sendable, Equatable, Encodable {
    public var id: Int64
    public var name: String
    /// Milliseconds since 1970, as stored.
    public var createdAt: Int64
    public var revokedAt: Int64?

    enum CodingKeys: String, CodingKey {
        case id, name, createdAt = "created_at", revokedAt = "revoked_at"
    }

    /// The id as a string: ids exceed JavaScript's integers (as the employers API gives them).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(String(id), forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(revokedAt, forKey: .revokedAt)
    }
}

/// Taking access away, and giving it back: disabling a user (a clerk who left, a hospital system
/// taken off the network) and revoking API tokens (one leaked, or all of a system's). Each change is
/// one transaction with its audit-trail entry. The kept tokens of this repository are dropped after
/// each change, so the server that made it refuses at once; another process (a server, when the change
/// came from the command line) refuses within its `--token-cache-seconds`.
extension UserRepository {
    /// Disables (`active` false) or re-enables a user. Disabling ends the user's console sessions; its
    /// API tokens are refused while it is disabled and work again once it is enabled (revoke them to end
    /// them for good). Returns false when the user already was in that state (nothing written).
    public func setActive(_ active: Bool, username: String, by actor: AuditActor) async throws -> Bool {
        let changed = try await database.write { db in
            let user = try await Self.stored(username, in: db)
            guard user.active != active else { return false }
            try await db.update("users").set("active", to: SQLBind(active ? 1 : 0)).where("id", .equal, user.id).run()
            if !active { try await db.delete(from: "sessions").where("user_id", .equal, user.id).run() }
            try await AuditTrail.append(actor.event(action: active ? "user.enable" : "user.disable", target: "user:\(username)",
                                                    before: user.active ? "active" : "disabled",
                                                    after: active ? "active" : "disabled, sessions ended"), in: db)
            return true
        }
        tokens?.removeAll()
        return changed
    }

    /// The user's API tokens, oldest first, revoked ones included.
    public func tokens(of username: String) async throws -> [APITokenRecord] {
        try await database.read { db in
            let user = try await Self.stored(username, in: db)
            return try await db.select().columns("id", "name", "created_at", "revoked_at").from("api_tokens")
                .where("user_id", .equal, user.id).orderBy("created_at").orderBy("id").all()
                .map { row in
                    APITokenRecord(id: try row.decode(column: "id", as: Int64.self), name: try row.decode(column: "name", as: String.self),
                                   createdAt: try row.decode(column: "created_at", as: Int64.self),
                                   revokedAt: try row.decode(column: "revoked_at", as: Int64?.self))
                }
        }
    }

    /// Revokes the user's live tokens named `name`, or all of them when `name` is nil, and returns
    /// how many. A revoked token stays listed (with when) and never works again. Naming no live token
    /// is an error, so that a mistyped name is not taken for a revocation done.
    public func revokeTokens(of username: String, named name: String?, by actor: AuditActor) async throws -> Int {
        let revoked = try await database.write { db in
            let user = try await Self.stored(username, in: db)
            var live = db.select().column("id").from("api_tokens").where("user_id", .equal, user.id).where("revoked_at", .is, SQLLiteral.null)
            if let name { live = live.where("name", .equal, name) }
            let ids = try await live.all().map { try $0.decode(column: "id", as: Int64.self) }
            guard !ids.isEmpty else {
                throw DomainError(.notFound, code: "TOKEN_NOT_FOUND",
                                  message: name.map { "用户 \(username) 没有名为“\($0)”的有效令牌" } ?? "用户 \(username) 没有有效令牌",
                                  messageEn: name.map { "user \(username) has no live token named \"\($0)\"" } ?? "user \(username) has no live token",
                                  path: name == nil ? "username" : "name")
            }
            try await db.update("api_tokens").set("revoked_at", to: SQLBind(Clock.nowMillis())).where("id", .in, ids).run()
            try await AuditTrail.append(actor.event(action: "token.revoke", target: "user:\(username)",
                                                    after: "\(ids.count) token(s)" + (name.map { " named \($0)" } ?? "")), in: db)
            return ids.count
        }
        tokens?.removeAll()
        return revoked
    }

    /// The user named, inside the caller's transaction; not found is an error.
    static func stored(_ username: String, in db: any SQLDatabase) async throws -> UserRecord {
        guard let user = try await db.select().column("*").from("users").where("username", .equal, username).first()
            .map(UserRecord.init(row:)) else { throw notFound(username) }
        return user
    }
}
