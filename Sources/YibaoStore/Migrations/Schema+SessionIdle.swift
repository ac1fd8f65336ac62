/// Migration 20: when a console session was last used, so that one left alone ends
/// (`UserRepository.sessionIdle`; 等级保护: 登录连接超时自动退出). Open sessions count from their start.
extension Schema {
    static let v20SessionIdle = Migration(20, "session idle", [
        "ALTER TABLE sessions ADD COLUMN last_seen_at BIGINT NOT NULL DEFAULT 0",
        "UPDATE sessions SET last_seen_at = created_at",
    ])
}
