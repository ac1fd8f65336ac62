import YibaoStore

/// What `yibao serve` was told: where to listen and where the data lives.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var database: DatabaseLocation
    public var demo: Bool
    /// bcrypt cost for new passwords (12; tests lower it to stay fast).
    public var bcryptCost: UInt8
    /// How long a bearer token's user is kept in memory once found (`UserRepository`): a revoked token
    /// or a disabled user is refused at most this long after the database says so. Zero reads every call.
    public var tokenCacheLifetime: Duration
    /// What a new password must be, and when wrong ones lock a user (docs/configuration.md).
    public var passwordRules: PasswordRules
    public var lockout: LockoutRule
    /// A console session unused this long ends; zero never.
    public var sessionIdle: Duration

    public init(host: String = "127.0.0.1", port: Int = 8080, database: DatabaseLocation = .sqlite(path: "yibao.sqlite"),
                demo: Bool = false, bcryptCost: UInt8 = 12, tokenCacheLifetime: Duration = .seconds(2),
                passwordRules: PasswordRules = .standard, lockout: LockoutRule = .standard,
                sessionIdle: Duration = UserRepository.standardSessionIdle) {
        self.host = host
        self.port = port
        self.database = database
        self.demo = demo
        self.bcryptCost = bcryptCost
        self.tokenCacheLifetime = tokenCacheLifetime
        self.passwordRules = passwordRules
        self.lockout = lockout
        self.sessionIdle = sessionIdle
    }
}
