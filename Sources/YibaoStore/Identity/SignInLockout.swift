import SQLKit
import YibaoCore

/// After `attempts` wrong passwords in a row, a user's password sign-in is refused for `duration`
/// (等级保护, 身份鉴别: 登录失败处理, 限制非法登录次数). The count is the user's, whoever sends the
/// guesses; a right password resets it, and so do an administrator's unlock and a new password.
/// Bearer tokens are not passwords and are not locked. Zero attempts turns the lock off.
public struct LockoutRule: Sendable, Equatable {
    public var attempts: Int
    public var duration: Duration

    public static let standard = LockoutRule(attempts: 5, duration: .seconds(15 * 60))

    public init(attempts: Int, duration: Duration) {
        self.attempts = attempts
        self.duration = duration
    }

    var durationMillis: Int64 { duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000 }
}

extension UserRepository {
    /// Counts one wrong password for `user`, with its audit entry (`user.signin_failed`); returns when
    /// the lock ends if this one locked it. The count goes up in the database (`failed_signins + 1`), so
    /// guesses sent at once on several connections are each counted. The lock starts the count afresh,
    /// with its own entry (`user.lock`).
    func recordFailedSignIn(of user: UserRecord, at now: Int64) async throws -> Int64? {
        let rule = lockout
        return try await database.write { db in
            let failures = try await db.first(Self.countFailure, user.id)?.decode(column: "failed_signins", as: Int64.self) ?? 0
            let actor = AuditActor(name: user.username, role: user.role, region: user.region)
            try await AuditTrail.append(actor.event(action: "user.signin_failed", target: "user:\(user.username)",
                                                    after: "wrong password, \(failures) in a row"), in: db)
            guard rule.attempts > 0, failures >= rule.attempts else { return nil }
            let until = now + rule.durationMillis
            try await db.update("users").set("failed_signins", to: 0).set("locked_until", to: until).where("id", .equal, user.id).run()
            try await AuditTrail.append(actor.event(
                action: "user.lock", target: "user:\(user.username)",
                after: "\(failures) failed sign-ins in a row, locked for \(rule.durationMillis / 60_000) min"), in: db)
            return until
        }
    }
    private static let countFailure = StaticSQL("UPDATE users SET failed_signins = failed_signins + 1 WHERE id = $1 RETURNING failed_signins")

    /// A right password: the wrong ones before it no longer count. Writes only when there were some.
    func clearFailedSignIns(of user: UserRecord) async throws {
        guard user.failedSignIns > 0 || user.lockedUntil != nil else { return }
        try await database.write { db in
            try await db.update("users").set("failed_signins", to: 0).set("locked_until", to: SQLLiteral.null).where("id", .equal, user.id).run()
        }
    }

    /// Lifts a user's lock before it ends (an administrator who has made sure the clerk is the clerk).
    /// Returns false, writing nothing, when the user is not locked.
    public func unlock(username: String, by actor: AuditActor) async throws -> Bool {
        let now = Clock.nowMillis()
        return try await database.write { db in
            let user = try await Self.stored(username, in: db)
            guard user.isLocked(at: now) else { return false }
            try await db.update("users").set("failed_signins", to: 0).set("locked_until", to: SQLLiteral.null).where("id", .equal, user.id).run()
            try await AuditTrail.append(actor.event(action: "user.unlock", target: "user:\(username)", before: "locked", after: "unlocked"), in: db)
            return true
        }
    }

    static func locked(until: Int64, now: Int64) -> DomainError {
        let minutes = max(1, (until - now + 59_999) / 60_000)
        return DomainError(.unauthorized, code: "USER_LOCKED",
                           message: "连续登录失败次数过多，账号已锁定，请 \(minutes) 分钟后再试，或请管理员解锁",
                           messageEn: "too many failed sign-ins: this user is locked; try again in \(minutes) min or ask an administrator to unlock it")
    }
}

extension UserRecord {
    /// Whether password sign-in is refused at `now` (milliseconds since 1970).
    public func isLocked(at now: Int64) -> Bool { lockedUntil.map { $0 > now } ?? false }
}
