import HummingbirdBcrypt
import NIOPosix
import SQLKit
import YibaoCore

/// The passwords a user had before, kept as their bcrypt hashes: a user's own change must differ from
/// the last `PasswordRules.historyCount` (the current one among them). An administrator's reset is not
/// checked (the administrator cannot know them, and the user replaces it at once, under the check).
enum PasswordHistory {
    /// Hashes kept per user, whatever the rule says now, so that raising the count later has them.
    static let kept = 24

    /// Refuses `password` when it is one of the user's last `count` passwords (`PASSWORD_REUSED`,
    /// at `password`). Each comparison is a bcrypt verification, on NIO's thread pool.
    static func check(_ password: String, userID: Int64, count: Int, in database: any Database) async throws {
        guard count > 0 else { return }
        let hashes = try await database.read { db in
            let current = try await currentHash(of: userID, in: db)
            let earlier = try await db.select().column("password_hash").from("password_history").where("user_id", .equal, userID)
                .orderBy("id", .descending).limit(count - 1).all(decodingColumn: "password_hash", as: String.self)
            return [current].compactMap { $0 } + earlier
        }
        for hash in hashes
        where try await NIOThreadPool.singleton.runIfActive({ Bcrypt.verify(password, hash: hash) }) {
            throw DomainError(code: "PASSWORD_REUSED", message: "新密码不能与最近 \(count) 次使用过的密码相同",
                              messageEn: "the new password must differ from the last \(count) passwords", path: "password")
        }
    }

    /// Keeps the user's current hash, inside the transaction that is about to replace it, and forgets
    /// the oldest beyond `kept`. A user without a password (a system) has nothing to keep.
    static func keepCurrent(of userID: Int64, at now: Int64, in db: any SQLDatabase) async throws {
        guard let hash = try await currentHash(of: userID, in: db) else { return }
        try await db.insert(into: "password_history").columns("id", "user_id", "password_hash", "replaced_at")
            .values(SQLBind(IDGenerator.shared.next()), SQLBind(userID), SQLBind(hash), SQLBind(now)).run()
        try await db.raw("""
            DELETE FROM password_history WHERE user_id = \(bind: userID) AND id NOT IN
                (SELECT id FROM password_history WHERE user_id = \(bind: userID) ORDER BY id DESC LIMIT \(literal: kept))
            """).run()
    }

    private static func currentHash(of userID: Int64, in db: any SQLDatabase) async throws -> String? {
        try await db.select().column("password_hash").from("users").where("id", .equal, userID)
            .first(decodingColumn: "password_hash", as: String?.self) ?? nil
    }
}
