import Hummingbird
import YibaoCore
import YibaoStore

/// User administration: list, create, issue API tokens for hospital systems.
struct UserRoutes {
    let services: Services

    struct NewUser: Decodable, Sendable {
        var username: String
        var displayName: String?
        var role: Role
        var region: RegionCode
        var institution: String?
        var personID: Int64?
        var password: String?

        enum CodingKeys: String, CodingKey {
            case username, displayName = "display_name", role, region = "admdvs", institution = "fixmedins_code",
                 personID = "psn_no", password
        }
    }

    struct NewToken: Decodable, Sendable { var name: String }
    struct IssuedToken: Encodable, Sendable { var token: String; var name: String }

    func register(on api: RouterGroup<YibaoRequestContext>) {
        api.secured(.get, "/users", .userManage) { _, _, principal in
            let users = try await services.users.list(region: nil)
                .filter { (try? principal.authorize(.userManage, on: Scope(region: RegionCode.parse($0.region)))) != nil }
            return JSONResponse(ItemList(items: users))
        }
        api.secured(.post, "/users", .userManage) { request, context, principal in
            let body = try await request.decodeJSON(as: NewUser.self, context: context)
            try principal.authorize(.userManage, on: Scope(region: body.region))
            let user = UserRecord(id: 0, username: body.username, displayName: body.displayName ?? body.username,
                                  role: body.role.rawValue, region: body.region.value,
                                  institution: body.institution, personID: body.personID)
            // Principal's initialiser enforces the binding rules (institution roles need an institution ...).
            _ = try Principal(user)
            let hash: String? = if let password = body.password { try await services.users.hashPassword(password) } else { nil }
            let actor = principal.auditActor
            let created = try await services.database.write { db in
                if let code = user.institution, try await services.institutions.find(code, in: db) == nil {
                    throw DomainError(code: "INSTITUTION_UNKNOWN", message: "定点机构不存在：\(code)",
                                      messageEn: "institution \(code) does not exist", path: "fixmedins_code")
                }
                return try await services.users.create(user, passwordHash: hash, by: actor, in: db)
            }
            return JSONResponse(created, status: .created)
        }
        api.secured(.post, "/users/:username/tokens", .userManage) { request, context, principal in
            let username = try context.parameters.require("username")
            let body = try await request.decodeJSON(as: NewToken.self, context: context)
            guard let user = try await services.users.find(username: username) else {
                throw DomainError(.notFound, code: "USER_NOT_FOUND", message: "用户不存在：\(username)", messageEn: "no user \(username)")
            }
            try principal.authorize(.userManage, on: Scope(region: RegionCode.parse(user.region)))
            let token = try await services.users.issueToken(username: username, name: body.name, by: principal.auditActor)
            return JSONResponse(IssuedToken(token: token, name: body.name), status: .created)
        }
    }
}
