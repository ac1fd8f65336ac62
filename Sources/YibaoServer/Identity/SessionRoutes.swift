import Hummingbird
import YibaoCore
import YibaoStore

/// Sign-in for people (a session cookie for the console, and the same JSON for scripts) and the
/// caller's own identity.
struct SessionRoutes {
    let users: UserRepository

    struct SignIn: Decodable, Sendable {
        var username: String
        var password: String
    }

    struct Me: Encodable, Sendable {
        var username: String
        var role: String
        var roleName: String
        var region: String
        var institution: String?
        var personID: Int64?
        var employerID: String?

        enum CodingKeys: String, CodingKey {
            case username, role, roleName = "role_name", region = "admdvs", institution = "fixmedins_code", personID = "psn_no"
            case employerID = "employer_id"
        }

        init(_ p: Principal) {
            username = p.username
            role = p.role.rawValue
            roleName = p.role.displayName
            region = p.region.value
            institution = p.institutionCode
            personID = p.personID
            employerID = p.employerID.map(String.init)
        }
    }

    func register(on api: RouterGroup<YibaoRequestContext>) {
        api.post("/session") { request, context -> Response in
            let body = try await request.decodeJSON(as: SignIn.self, context: context)
            let user = try await users.authenticate(username: body.username, password: body.password)
            let principal = try Principal(user)
            let token = try await users.startSession(userID: user.id)
            var response = try JSONResponse(Me(principal)).response(from: request, context: context)
            response.setCookie(Cookie(name: AuthenticationMiddleware.sessionCookie, value: token,
                                      maxAge: 8 * 3600, path: "/", secure: false, httpOnly: true, sameSite: .strict))
            return response
        }
        api.delete("/session") { request, context -> Response in
            if let token = request.cookies[AuthenticationMiddleware.sessionCookie]?.value {
                try await users.endSession(token)
            }
            var response = Response(status: .noContent)
            response.setCookie(Cookie(name: AuthenticationMiddleware.sessionCookie, value: "", maxAge: 0, path: "/", httpOnly: true))
            return response
        }
        api.get("/me") { _, context -> JSONResponse<Me> in
            guard let principal = context.principal else {
                throw DomainError(.unauthorized, code: "NOT_SIGNED_IN", message: "请先登录或提供访问令牌",
                                  messageEn: "sign in or send a bearer token first")
            }
            return JSONResponse(Me(principal))
        }
    }
}
