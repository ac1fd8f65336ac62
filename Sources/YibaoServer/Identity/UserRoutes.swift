import Hummingbird
import YibaoCore
import YibaoStore

/// User administration: list, create, disable, enable and unlock users, set a user's password; issue, list and
/// revoke API tokens for hospital systems.
struct UserRoutes {
    let services: Services

    struct NewToken: Decodable, Sendable { var name: String }
    struct NewPassword: Decodable, Sendable { var password: String }
    struct IssuedToken: Encodable, Sendable { var token: String; var name: String }

    func register(on api: RouterGroup<YibaoRequestContext>) {
        // `?q=` part of a username or display name, `?after=` the last username of the page before, `?limit=` (100, at most 500).
        api.secured(.get, "/users", .userManage) { request, _, principal in
            let query = request.uri.queryParameters
            return JSONResponse(try await administration.list(by: principal, matching: query.get("q"), after: query.get("after"),
                                                              limit: query.get("limit").flatMap { Int($0) } ?? UserAdministration.Page.size))
        }
        api.secured(.post, "/users", .userManage) { request, context, principal in
            let body = try await request.decodeJSON(as: UserAdministration.NewUser.self, context: context)
            let created = try await administration.create(body, by: principal)
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
        api.secured(.post, "/users/:username/password", .userManage) { request, context, principal in
            let user = try await managed(context, by: principal)
            let body = try await request.decodeJSON(as: NewPassword.self, context: context)
            try await administration.setPassword(body.password, of: user, by: principal)
            return Response(status: .noContent)
        }
        api.secured(.post, "/users/:username/unlock", .userManage) { _, context, principal in
            JSONResponse(try await administration.unlock(try await managed(context, by: principal), by: principal))
        }
        api.secured(.post, "/users/:username/disable", .userManage) { _, context, principal in
            JSONResponse(try await administration.setActive(false, try await managed(context, by: principal), by: principal))
        }
        api.secured(.post, "/users/:username/enable", .userManage) { _, context, principal in
            JSONResponse(try await administration.setActive(true, try await managed(context, by: principal), by: principal))
        }
    }

    struct Revoked: Encodable, Sendable { var revoked: Int }

    private var administration: UserAdministration { UserAdministration(users: services.users, database: services.database) }

    /// The user named in the path, if it is in a region the caller manages.
    private func managed(_ context: YibaoRequestContext, by principal: Principal) async throws -> UserRecord {
        try await administration.managed(try context.parameters.require("username"), by: principal)
    }
}
