/// Migration 21: when each user's password was last set, so that one older than the deployment's
/// maximum age must be changed (`PasswordRules.maximumAgeDays`; 等级保护: 口令定期更换). A password set
/// before this migration counts from the user's creation, the last time it is known to have been set.
extension Schema {
    static let v21PasswordAge = Migration(21, "password age", [
        "ALTER TABLE users ADD COLUMN password_changed_at BIGINT NOT NULL DEFAULT 0",
        "UPDATE users SET password_changed_at = created_at",
    ])
}
