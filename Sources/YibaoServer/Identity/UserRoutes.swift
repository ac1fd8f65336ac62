import Hummingbird
import YibaoCore
import YibaoStore

/// User administration: list, create, disable and enable users; issue, list and revoke API tokens
/// for hospital systems.
struct UserRoutes {
    let services: Services

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

    struct NewToken: Decodable, Sendable { var name: String }
    struct IssuedToken: Encodable, Sendable { var token: String; var name: String }

    func register(on api: RouterGroup<YibaoRequestContext>) {
        api.secured(.get, "/users", .userManage) { _, _, principal in
            JSONResponse(ItemList(items: try await administration.list(by: principal)))
        }
        api.secured(.post, "/users", .userManage) { request, context, principal in
            let body = try await request.decodeJSON(as: NewUser.self, context: context)
            try principal.authorize(.userManage, on: Scope(region: body.region))
            let employerID = try body.employerID.map { text in
                guard let id = Int64(text), id > 0 else {
                    throw DomainError(code: "EMPLOYER_ID_INVALID", message: "参保单位编号无效：“\(text)”", messageEn: "invalid employer id \"\(text)\"",
                                      path: "employer_id")
                }
                return id
            }
            let user = UserRecord(id: 0, username: body.username, displayName: body.displayName ?? body.username,
                                  role: body.role.rawValue, region: body.region.value,
                                  institution: body.institution, personID: body.personID, employerID: employerID)
            // Principal's initialiser enforces the binding rules (institution roles need an institution ...).
            _ = try Principal(user)
            let hash: String? = if let password = body.password { try await services.users.hashPassword(password) } else { nil }
            let actor = principal.auditActor
            let created = try await services.database.write { db in
                try await services.users.create(user, passwordHash: hash, by: actor, in: db)
            }
            return JSONResponse(created, status: .created)
        }
        api.secured(.post, "/users/:username/tokens", .userManage) { request, context, principal in
            let user = try await managed(context, by: principal)
            let body = try await request.decodeJSON(as: NewToken.self, context: context)
            let token = try await services.users.issueToken(username: user.username, name: body.name, by: principal.auditActor)
            return JSONResponse(IssuedToken(token: token, name: body.name), status: .created)
        }
        api.secured(.get, "/users/:username/tokens", .userManage) { _, context, principal in
            let user = try await managed(context, by: principal)
            return JSONResponse(ItemList(items: try await services.users.tokens(of: user.username)))
        }
        // `?name=` revokes the live tokens of that name; without it, all of the user's.
        api.secured(.delete, "/users/:username/tokens", .userManage) { request, context, principal in
            let user = try await managed(context, by: principal)
            let name = request.uri.queryParameters.get("name").map { String($0) }
            let count = try await services.users.revokeTokens(of: user.username, named: name, by: principal.auditActor)
            return JSONResponse(Revoked(revoked: count))
        }
        api.secured(.post, "/users/:username/disable", .userManage) { _, context, principal in
            JSONResponse(try await administration.setActive(false, try await managed(context, by: principal), by: principal))
        }
        api.secured(.post, "/users/:username/enable", .userManage) { _, context, principal in
            JSONResponse(try await administration.setActive(true, try await managed(context, by: principal), by: principal))
        }
    }

    struct Revoked: Encodable, Sendable { var revoked: Int }

    private var administration: UserAdministration { UserAdministration(users: services.users) }

    /// The user named in the path, if it is in a region the caller manages.
    private func managed(_ context: YibaoRequestContext, by principal: Principal) async throws -> UserRecord {
        try await administration.managed(try context.parameters.require("username"), by: principal)
    }
}
