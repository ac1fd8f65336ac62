/// Migration 18: a password that someone else set must be changed at the next console sign-in
/// (等级保护: an initial or reset password is not the user's own). Set when an administrator creates a
/// user with a password or sets one; cleared when the user changes it with the current one.
extension Schema {
    static let v18PasswordChange = Migration(18, "password change required", [
        "ALTER TABLE users ADD COLUMN password_change_required BIGINT NOT NULL DEFAULT 0",
    ])
}
