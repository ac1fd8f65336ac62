import YibaoCore

/// Why a console session may do nothing but change its password.
public enum PasswordChangeReason: Sendable, Equatable {
    /// Someone else chose it: an administrator, for a new user or a reset.
    case setByAdministrator
    /// It was set longer ago than the deployment allows (等级保护, 身份鉴别: 口令定期更换).
    case expired
}

extension PasswordRules {
    /// Whether a password set at `changedAt` is past the maximum age at `now` (both milliseconds since
    /// 1970). A password is good for whole days: set at noon, with 90 days it lasts until noon 90 days on.
    public func isExpired(changedAt: Int64, at now: Int64) -> Bool {
        maximumAgeDays > 0 && now - changedAt >= Int64(maximumAgeDays) * 86_400_000
    }
}

extension UserRepository {
    /// Why `user` must change the password before anything else, or nil. The age is checked when a
    /// session is used, not only at sign-in, so a session open across the limit is held to it too.
    /// Bearer tokens are not passwords: a system's token never expires this way.
    public func passwordChange(for user: UserRecord, at now: Int64 = Clock.nowMillis()) -> PasswordChangeReason? {
        if user.passwordChangeRequired { return .setByAdministrator }
        return passwordRules.isExpired(changedAt: user.passwordChangedAt, at: now) ? .expired : nil
    }
}
