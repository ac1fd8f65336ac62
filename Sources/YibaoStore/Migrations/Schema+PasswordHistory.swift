/// Migration 22: the passwords each user had before the current one, as bcrypt hashes, so that a
/// user's own change cannot go back to a recent one (`PasswordRules.historyCount`; 等级保护: 口令定期更换
/// means little if the old one comes straight back). At most `PasswordHistory.kept` per user.
extension Schema {
    static let v22PasswordHistory = Migration(22, "password history", [
        """
        CREATE TABLE password_history (
            id BIGINT PRIMARY KEY,
            user_id BIGINT NOT NULL REFERENCES users(id),
            password_hash TEXT NOT NULL,
            replaced_at BIGINT NOT NULL)
        """,
        "CREATE INDEX password_history_user ON password_history (user_id, id)",
    ])
}
