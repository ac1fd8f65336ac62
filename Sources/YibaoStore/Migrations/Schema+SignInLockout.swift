/// Migration 19: wrong passwords in a row, and the time until which a user's password sign-in is
/// refused after too many (`LockoutRule`; 等级保护: 登录失败处理).
extension Schema {
    static let v19SignInLockout = Migration(19, "sign-in lockout", [
        "ALTER TABLE users ADD COLUMN failed_signins BIGINT NOT NULL DEFAULT 0",
        "ALTER TABLE users ADD COLUMN locked_until BIGINT",
    ])
}
