import HummingbirdBcrypt
import NIOPosix
import SQLKit
import YibaoCore

/// Users, their passwords (bcrypt), API tokens for systems and console sessions.
public struct UserRepository: Sendable {
    public let database: any Database
    /// bcrypt cost; 12 in production, lower only in tests (`YIBAO_BCRYPT_COST`).
    public let bcryptCost: UInt8
    /// Users found by the digest of a bearer token, for `user(forToken:)`: every HIS call presents its
    /// token, and a HIS system sends many calls a second with the same one. A token revoked or a user
    /// disabled in the database is therefore refused only once `lifetime` has passed (`yibao serve
    /// --token-cache-seconds`); unknown tokens are never kept, so a token issued a moment ago works at once.
    /// A revocation or a disabling through this repository empties it (`UserRepository+Access`), so the
    /// server that made the change refuses at once; other processes follow within the lifetime.
    let tokens: ExpiringCache<String, UserRecord>?
    /// What a new password must be.
    public let passwordRules: PasswordRules
    /// When wrong passwords lock a user's sign-in (`SignInLockout`).
    public let lockout: LockoutRule
    /// How long a console session lasts without a request before it ends (`Sessions`); zero never.
    public let sessionIdle: Duration

    /// `keepTokensFor` zero (the default, for commands and tools) reads the token on every call;
    /// `now` is the clock the kept tokens age by (tests pass their own).
    public init(database: any Database, bcryptCost: UInt8 = 12, passwordRules: PasswordRules = .standard, lockout: LockoutRule = .standard,
                sessionIdle: Duration = Self.standardSessionIdle, keepTokensFor lifetime: Duration = .zero,
                now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        self.database = database
        self.bcryptCost = bcryptCost
        self.passwordRules = passwordRules
        self.lockout = lockout
        self.sessionIdle = sessionIdle
        tokens = lifetime > .zero ? ExpiringCache(lifetime: lifetime, now: now) : nil
    }

    // MARK: users

    /// Creates a user inside the caller's transaction and logs it on the audit trail. Hash the
    /// password first with `hashPassword` (outside the transaction: bcrypt is slow by design).
    /// The institution, employer or person the user is bound to must exist (an employer or a person in
    /// the user's region); the username and display name follow `NameRules`.
    public func create(_ user: UserRecord, passwordHash hash: String?, by actor: AuditActor, in db: any SQLDatabase) async throws -> UserRecord {
        try NameRules.checkUsername(user.username)
        try NameRules.checkDisplayName(user.displayName)
        if try await db.select().column("id").from("users").where("username", .equal, user.username).first() != nil {
            throw DomainError(.conflict, code: "USER_EXISTS", message: "用户名已存在：\(user.username)",
                              messageEn: "username \(user.username) already exists", path: "username")
        }
        if let code = user.institution, try await InstitutionRepository.find(code, in: db) == nil {
            throw DomainError(code: "INSTITUTION_UNKNOWN", message: "定点机构不存在：\(code)",
                              messageEn: "institution \(code) does not exist", path: "fixmedins_code")
        }
        if let id = user.employerID, try await EmployerRepository.find(admdvs: user.region, id: id, in: db) == nil {
            throw DomainError(code: "EMPLOYER_UNKNOWN", message: "统筹区 \(user.region) 没有编号为 \(id) 的参保单位",
                              messageEn: "region \(user.region) has no employer \(id)", path: "employer_id")
        }
        if let psnNo = user.personID, try await PersonRepository.find(psnNo: psnNo, in: db)?.admdvs != user.region {
            throw DomainError(code: "PERSON_UNKNOWN", message: "统筹区 \(user.region) 没有编号为 \(psnNo) 的参保人",
                              messageEn: "region \(user.region) has no insured person \(psnNo)", path: "psn_no")
        }
        var stored = user
        stored.id = IDGenerator.shared.next()
        let now = Clock.nowMillis()
        stored.passwordChangedAt = now
        stored.passwordChangeRequired = user.passwordChangeRequired && hash != nil
        try await db.insert(into: "users")
            .columns("id", "username", "display_name", "role", "admdvs", "fixmedins_code", "psn_no", "employer_id", "password_hash", "active",
                     "password_change_required", "created_at", "password_changed_at")
            .values(SQLBind(stored.id), SQLBind(stored.username), SQLBind(stored.displayName), SQLBind(stored.role),
                    SQLBind(stored.region), SQLBind(stored.institution), SQLBind(stored.personID), SQLBind(stored.employerID), SQLBind(hash),
                    SQLBind(stored.active ? 1 : 0), SQLBind(stored.passwordChangeRequired ? 1 : 0), SQLBind(now), SQLBind(now))
            .run()
        try await AuditTrail.append(actor.event(action: "user.create", target: "user:\(stored.username)",
                                                after: "role=\(stored.role) region=\(stored.region)"
                                                    + (stored.institution.map { " institution=\($0)" } ?? "")
                                                    + (stored.employerID.map { " employer=\($0)" } ?? "")), in: db)
        return stored
    }

    public func find(username: String) async throws -> UserRecord? {
        try await database.read { db in
            try await db.select().column("*").from("users").where("username", .equal, username).first().map(UserRecord.init(row:))
        }
    }

    public func find(id: Int64, in db: any SQLDatabase) async throws -> UserRecord? {
        try await db.select().column("*").from("users").where("id", .equal, id).first().map(UserRecord.init(row:))
    }

    /// One page of the users of `region` and the regions below it, by username after `after`, at most
    /// `limit` and whether more follow. `matching` keeps those whose username or display name contains
    /// it, in any case: a province's list runs to thousands of hospital systems.
    public func list(within region: RegionCode, matching text: String? = nil, after: String? = nil,
                     limit: Int) async throws -> (users: [UserRecord], more: Bool) {
        try await database.read { db in
            var query = db.select().column("*").from("users").where("admdvs", .like, region.withinPrefix + "%")
            if let after { query = query.where("username", .greaterThan, after) }
            if let text = text?.trimmingSpaces, !text.isEmpty {
                // LOWER on both sides: SQLite's LIKE ignores ASCII case, PostgreSQL's does not.
                let pattern = LikePattern.containing(text).lowercased()
                query = query.where(SQLQueryString(
                    "(LOWER(username) LIKE \(bind: pattern) ESCAPE '!' OR LOWER(display_name) LIKE \(bind: pattern) ESCAPE '!')"))
            }
            let rows = try await query.orderBy("username").limit(limit + 1).all().map(UserRecord.init(row:))
            return (Array(rows.prefix(limit)), rows.count > limit)
        }
    }

    /// Checks a username and password; the same error for an unknown user and a wrong password
    /// so that the answer does not reveal which usernames exist. A locked user is refused before the
    /// password is even compared (`USER_LOCKED`); a wrong password counts towards the lock.
    public func authenticate(username: String, password: String) async throws -> UserRecord {
        let row = try await database.read { db in
            try await db.select().column("*").from("users").where("username", .equal, username).first()
        }
        let failure = DomainError(.unauthorized, code: "LOGIN_FAILED", message: "用户名或密码错误",
                                  messageEn: "wrong username or password")
        guard let row, let hash = try row.decode(column: "password_hash", as: String?.self) else { throw failure }
        let user = try UserRecord(row: row)
        let now = Clock.nowMillis()
        if let until = user.lockedUntil, until > now { throw Self.locked(until: until, now: now) }
        guard try await verifyPassword(password, hash: hash) else {
            if let until = try await recordFailedSignIn(of: user, at: now) { throw Self.locked(until: until, now: now) }
            throw failure
        }
        guard user.active else {
            throw DomainError(.unauthorized, code: "USER_DISABLED", message: "该用户已停用", messageEn: "this user is disabled")
        }
        try await clearFailedSignIns(of: user)
        return user
    }

    /// A user's own change: the current password must be right (`PASSWORD_WRONG`, at `current_password`),
    /// one an administrator set or one past its age must really be replaced (`PASSWORD_UNCHANGED`), and
    /// the new one must not be one of the last few (`PASSWORD_REUSED`, `PasswordHistory`); then as
    /// `setPassword`, which ends every session of the user, the one asking too.
    public func changeOwnPassword(username: String, current: String, new: String, by actor: AuditActor) async throws {
        let user: UserRecord
        do {
            user = try await authenticate(username: username, password: current)
        } catch let error as DomainError where error.code == "LOGIN_FAILED" {
            throw DomainError(.unauthorized, code: "PASSWORD_WRONG", message: "当前密码不正确", messageEn: "the current password is wrong",
                              path: "current_password")
        }
        if passwordChange(for: user) != nil, new == current {
            throw DomainError(code: "PASSWORD_UNCHANGED", message: "新密码不能与当前密码相同", messageEn: "the new password must differ from the current one",
                              path: "password")
        }
        try passwordRules.check(new, username: username) // the cheap refusals before the bcrypt comparisons
        try await PasswordHistory.check(new, userID: user.id, count: passwordRules.historyCount, in: database)
        try await setPassword(username: username, password: new, by: actor)
    }

    /// Sets a new password, lifts a sign-in lock and ends every console session of the user.
    /// `changeRequired` when someone else chose it (an administrator): the console then asks the user
    /// for a new one first.
    public func setPassword(username: String, password: String, changeRequired: Bool = false, by actor: AuditActor) async throws {
        let hash = try await hashPassword(password, of: username)
        try await database.write { db in
            let user = try await Self.stored(username, in: db)
            let now = Clock.nowMillis()
            try await PasswordHistory.keepCurrent(of: user.id, at: now, in: db)
            try await db.update("users").set("password_hash", to: hash).set("password_change_required", to: changeRequired ? 1 : 0)
                .set("failed_signins", to: 0).set("locked_until", to: SQLLiteral.null).set("password_changed_at", to: now)
                .where("id", .equal, user.id).run()
            try await db.delete(from: "sessions").where("user_id", .equal, user.id).run()
            try await AuditTrail.append(actor.event(action: "user.passwd", target: "user:\(username)", after: "password changed, sessions ended" + (changeRequired ? ", change required" : "")), in: db)
        }
    }

    // MARK: tokens

    /// Issues a new API token and returns it in clear: this is the only time it is visible.
    public func issueToken(username: String, name: String, by actor: AuditActor) async throws -> String {
        try NameRules.checkTokenLabel(name)
        let token = SecretToken.generate(prefix: "ybt_")
        try await database.write { db in
            let user = try await Self.stored(username, in: db)
            try await db.insert(into: "api_tokens").columns("id", "token_sha256", "user_id", "name", "created_at")
                .values(SQLBind(IDGenerator.shared.next()), SQLBind(SecretToken.digest(token)), SQLBind(user.id),
                        SQLBind(name), SQLBind(Clock.nowMillis()))
                .run()
            try await AuditTrail.append(actor.event(action: "token.issue", target: "user:\(username)", after: "token \(name)"), in: db)
        }
        return token
    }

    /// The user behind a bearer token, or nil for an unknown or revoked token or a disabled user
    /// (as the database said at most the cache's lifetime ago, see `tokens`).
    public func user(forToken token: String) async throws -> UserRecord? {
        let digest = SecretToken.digest(token)
        if let known = tokens?.value(for: digest) { return known }
        let user = try await database.read { db in try await db.first(Self.userOfToken, digest).map(UserRecord.init(row:)) }
        if let user { tokens?.store(user, for: digest) }
        return user
    }
    private static let userOfToken = StaticSQL("""
        SELECT u.* FROM api_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_sha256 = $1 AND t.revoked_at IS NULL AND u.active = 1
        """)

    // MARK: passwords

    /// Checks a new password against `passwordRules` (`username`: whose it will be, nil for the demo's
    /// shared one) and hashes it. bcrypt is deliberately slow; it runs off the event loops.
    public func hashPassword(_ password: String, of username: String?) async throws -> String {
        try passwordRules.check(password, username: username)
        let cost = bcryptCost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    private func verifyPassword(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    public static func notFound(_ username: String) -> DomainError {
        DomainError(.notFound, code: "USER_NOT_FOUND", message: "用户不存在：\(username)", messageEn: "no user \(username)", path: "username")
    }
}

extension UserRecord {
    init(row: any SQLRow) throws {
        self.init(id: try row.decode(column: "id", as: Int64.self),
                  username: try row.decode(column: "username", as: String.self),
                  displayName: try row.decode(column: "display_name", as: String.self),
                  role: try row.decode(column: "role", as: String.self),
                  region: try row.decode(column: "admdvs", as: String.self),
                  institution: try row.decode(column: "fixmedins_code", as: String?.self),
                  personID: try row.decode(column: "psn_no", as: Int64?.self),
                  employerID: try row.decode(column: "employer_id", as: Int64?.self),
                  active: try row.decode(column: "active", as: Int64.self) != 0,
                  passwordChangeRequired: try row.decode(column: "password_change_required", as: Int64.self) != 0,
                  failedSignIns: Int(try row.decode(column: "failed_signins", as: Int64.self)),
                  lockedUntil: try row.decode(column: "locked_until", as: Int64?.self),
                  passwordChangedAt: try row.decode(column: "password_changed_at", as: Int64.self))
    }
}
