import YibaoCore
import YibaoStore

/// What the API's and the console's user administration share: which users a caller manages, how a
/// user is created, and the rule that nobody disables their own user (it would lock the last
/// administrator out).
struct UserAdministration {
    let users: UserRepository
    let database: any Database

    /// A user to create, as the API's body and the console's form give it.
    struct NewUser: Decodable, Sendable {
        var username: String
        var displayName: String?
        var role: Role
        var region: RegionCode
        var institution: String?
        var personID: Int64?
        /// A string, as the employers API gives ids (they exceed JavaScript's integers).
        var employerID: String?
        var password: String?

        enum CodingKeys: String, CodingKey {
            case username, displayName = "display_name", role, region = "admdvs", institution = "fixmedins_code",
                 personID = "psn_no", employerID = "employer_id", password
        }
    }

    /// Creates the user in a region the caller manages, with its audit entry. The binding rules
    /// (an institution role needs an institution …) are `Principal`'s; what must exist, the store's.
    func create(_ new: NewUser, by principal: Principal) async throws -> UserRecord {
        try principal.authorize(.userManage, on: Scope(region: new.region))
        let employerID = try new.employerID.map { text in
            guard let id = Int64(text), id > 0 else {
                throw DomainError(code: "EMPLOYER_ID_INVALID", message: "参保单位编号无效：“\(text)”", messageEn: "invalid employer id \"\(text)\"",
                                  path: "employer_id")
            }
            return id
        }
        let displayName = new.displayName.flatMap { $0.isEmpty ? nil : $0 } ?? new.username
        // The administrator chose the password, so the user replaces it at the first sign-in.
        let user = UserRecord(id: 0, username: new.username, displayName: displayName, role: new.role.rawValue, region: new.region.value,
                              institution: new.institution, personID: new.personID, employerID: employerID, passwordChangeRequired: true)
        _ = try Principal(user)
        try NameRules.checkUsername(user.username)  // before bcrypt's deliberately slow hash; the store checks it again
        let hash: String? = if let password = new.password { try await users.hashPassword(password, of: new.username) } else { nil }
        let actor = principal.auditActor
        return try await database.write { db in try await users.create(user, passwordHash: hash, by: actor, in: db) }
    }

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

    /// Lifts the user's sign-in lock; returns it as it now stands.
    func unlock(_ user: UserRecord, by principal: Principal) async throws -> UserRecord {
        _ = try await users.unlock(username: user.username, by: principal.auditActor)
        return try await users.find(username: user.username) ?? user
    }

    /// Sets another user's password (its sessions end). One's own goes through `POST /api/me/password`
    /// with the current one, so that a session left open is not enough to take over the account.
    func setPassword(_ password: String, of user: UserRecord, by principal: Principal) async throws {
        guard user.id != principal.userID else {
            throw DomainError(.conflict, code: "USER_PASSWORD_SELF", message: "请在“修改密码”中用当前密码修改自己的密码",
                              messageEn: "change your own password with your current one (POST /api/me/password, or 修改密码 in the console)",
                              path: "username")
        }
        try await users.setPassword(username: user.username, password: password, changeRequired: true, by: principal.auditActor)
    }

    /// A page of the users the caller manages (its region and those below), by username.
    struct Page: Encodable, Sendable {
        var items: [UserRecord]
        /// The username to ask `after` for the next page; absent on the last.
        var nextAfter: String?
        enum CodingKeys: String, CodingKey { case items, nextAfter = "next_after" }

        static let sizes = 1...500
        static let size = 100
    }

    func list(by principal: Principal, matching text: String?, after: String?, limit: Int = Page.size) async throws -> Page {
        try principal.authorize(.userManage, on: Scope(region: principal.region))
        let limit = min(max(limit, Page.sizes.lowerBound), Page.sizes.upperBound)
        let (items, more) = try await users.list(within: principal.region, matching: text, after: after, limit: limit)
        return Page(items: items, nextAfter: more ? items.last?.username : nil)
    }
}
