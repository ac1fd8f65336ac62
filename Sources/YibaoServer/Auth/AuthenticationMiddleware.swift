import Hummingbird
import YibaoCore
import YibaoStore

/// Finds who is calling: a system or script sends `Authorization: Bearer ybt_…`; the console sends
/// its session cookie. Anonymous requests pass through with no principal — `SecuredRoute` refuses
/// them wherever a permission is declared, which is every route but health, metrics and sign-in.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = YibaoRequestContext
    static let sessionCookie = "yibao_session"
    let users: UserRepository

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let header = request.headers[.authorization] {
            guard header.hasPrefix("Bearer "), let user = try await users.user(forToken: String(header.dropFirst(7))) else {
                throw DomainError(.unauthorized, code: "TOKEN_INVALID", message: "访问令牌无效或已吊销",
                                  messageEn: "the bearer token is invalid or revoked")
            }
            context.principal = try Principal(user)
        } else if let session = request.cookies[Self.sessionCookie]?.value,
                  let user = try await users.user(forSession: session) {
            context.principal = try Principal(user)
            context.passwordChange = users.passwordChange(for: user)
        }
        return try await next(request, context)
    }
}
