import SQLKit
import YibaoCore

/// Console sessions: a cookie's digest in `sessions`, valid for at most `lifetime` (8 hours) and ended
/// sooner after `sessionIdle` without a request (等级保护: 登录连接超时自动退出). A request notes the
/// session as seen, writing at most once a minute, so a busy clerk's pages cost no write each.
/// Starting one is a sign-in and ending one a sign-out; both go on the audit trail with them.
extension UserRepository {
    public static let standardSessionIdle = Duration.seconds(30 * 60)
    public static let sessionLifetimeMillis: Int64 = 8 * 3_600_000
    /// How stale `last_seen_at` may get before a request writes it again.
    static let seenResolutionMillis: Int64 = 60_000

    public func startSession(for user: UserRecord) async throws -> String {
        let token = SecretToken.generate(prefix: "yss_")
        let now = Clock.nowMillis()
        try await database.write { db in
            try await db.insert(into: "sessions").columns("token_sha256", "user_id", "created_at", "expires_at", "last_seen_at")
                .values(SQLBind(SecretToken.digest(token)), SQLBind(user.id), SQLBind(now), SQLBind(now + Self.sessionLifetimeMillis), SQLBind(now))
                .run()
            try await AuditTrail.append(AuditActor(name: user.username, role: user.role, region: user.region)
                .event(action: "user.signin", target: "user:\(user.username)", after: "session started"), in: db)
        }
        return token
    }

    /// The user of a live session (not expired, not idle too long, the user active), noting it as seen.
    public func user(forSession token: String) async throws -> UserRecord? {
        let digest = SecretToken.digest(token)
        let now = Clock.nowMillis()
        let idle = sessionIdle.components.seconds * 1000
        let found = try await database.read { db -> (UserRecord, Int64)? in
            guard let row = try await db.raw("""
                SELECT u.*, s.last_seen_at AS session_seen_at FROM sessions s JOIN users u ON u.id = s.user_id
                WHERE s.token_sha256 = \(bind: digest) AND s.expires_at > \(bind: now) AND u.active = 1
                """).first() else { return nil }
            return (try UserRecord(row: row), try row.decode(column: "session_seen_at", as: Int64.self))
        }
        guard let (user, seen) = found, idle == 0 || seen > now - idle else { return nil }
        if now - seen >= Self.seenResolutionMillis {
            try await database.write { db in
                try await db.update("sessions").set("last_seen_at", to: now).where("token_sha256", .equal, digest).run()
            }
        }
        return user
    }

    /// Signs out: the session ends, with its entry on the trail (`user.signout`) when it was live.
    public func endSession(_ token: String) async throws {
        let digest = SecretToken.digest(token)
        try await database.write { db in
            guard let row = try await db.raw("""
                SELECT u.* FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_sha256 = \(bind: digest)
                """).first() else { return }
            let user = try UserRecord(row: row)
            try await db.delete(from: "sessions").where("token_sha256", .equal, digest).run()
            try await AuditTrail.append(AuditActor(name: user.username, role: user.role, region: user.region)
                .event(action: "user.signout", target: "user:\(user.username)", after: "session ended"), in: db)
        }
    }
}
