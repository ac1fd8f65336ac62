import YibaoCore
import YibaoStore

/// What the API's and the console's user administration share: which users a caller manages, and
/// the rule that nobody disables their own user (it would lock the last administrator out).
struct UserAdministration {
    let users: UserRepository

    /// The user named, if it is in a region the caller manages.
    func managed(_ username: String, by principal: Principal) async throws -> UserRecord {
        guard let user = try await users.find(username: username) else { throw UserRepository.notFound(username) }
        try principal.authorize(.userManage, on: Scope(region: RegionCode.parse(user.region)))
        return user
    }

    /// Disables or enables the user; returns it as it now stands (unchanged when it already was so).
    func setActive(_ active: Bool, _ user: UserRecord, by principal: Principal) async throws -> UserRecord {
        guard active || user.id != principal.userID else {
            throw DomainError(.conflict, code: "USER_DISABLE_SELF", message: "不能停用自己的账号",
                              messageEn: "you cannot disable your own user", path: "username")
        }
        _ = try await users.setActive(active, username: user.username, by: principal.auditActor)
        var now = user
        now.active = active
        return now
    }

    /// The users of the regions the caller manages, by username.
    func list(by principal: Principal) async throws -> [UserRecord] {
        try await users.list(region: nil)
            .filter { (try? principal.authorize(.userManage, on: Scope(region: RegionCode.parse($0.region)))) != nil }
    }
}
