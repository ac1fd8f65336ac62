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

    struct PasswordChange: Decodable, Sendable {
        var currentPassword: String
        var password: String
        enum CodingKeys: String, CodingKey { case currentPassword = "current_password", password }
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

    /// The cookie of a session just started: as long as the session's own lifetime, for this site only.
    static func startedSession(_ token: String) -> Cookie {
        Cookie(name: AuthenticationMiddleware.sessionCookie, value: token, maxAge: Int(UserRepository.sessionLifetimeMillis / 1000),
               path: "/", secure: false, httpOnly: true, sameSite: .strict)
    }

    /// The session cookie's removal, once the session it named has ended.
    static let endedSession = Cookie(name: AuthenticationMiddleware.sessionCookie, value: "", maxAge: 0, path: "/", httpOnly: true)

    func register(on api: RouterGroup<YibaoRequestContext>) {
        api.post("/session") { request, context -> Response in
            let body = try await request.decodeJSON(as: SignIn.self, context: context)
            let user = try await users.authenticate(username: body.username, password: body.password)
            let principal = try Principal(user)
            let token = try await users.startSession(for: user)
            var response = try JSONResponse(Me(principal)).response(from: request, context: context)
            response.setCookie(Self.startedSession(token))
            return response
        }
        api.delete("/session") { request, context -> Response in
            if let token = request.cookies[AuthenticationMiddleware.sessionCookie]?.value {
                try await users.endSession(token)
            }
            var response = Response(status: .noContent)
            response.setCookie(Self.endedSession)
            return response
        }
        // One's own password, with the current one; every session of the user ends, this one too.
        api.post("/me/password") { request, context -> Response in
            let principal = try context.signedIn()
            let body = try await request.decodeJSON(as: PasswordChange.self, context: context)
            try await users.changeOwnPassword(username: principal.username, current: body.currentPassword, new: body.password,
                                              by: principal.auditActor)
            var response = Response(status: .noContent)
            response.setCookie(Self.endedSession)
            return response
        }
        api.get("/me") { _, context -> JSONResponse<Me> in
            JSONResponse(Me(try context.signedIn()))
        }
    }
}
