import Hummingbird
import YibaoCore

/// Registration of console pages that cannot forget their guard, like the API's `secured`: each page
/// names the permission it needs (nil only for sign-in, sign-out and the password form; `signedInPage`
/// for a job's page, which checks that the visitor started the job) and, for pages made for one kind
/// of user, the binding (the dashboard is the agency's, the institution page an institution's). A
/// visitor without a session is sent to the sign-in page; a role without the permission or binding
/// gets a 403 page saying why; handlers check the target's scope with `principal.authorize(_:on:)`.
/// Domain errors become pages with the API's status codes.
extension Router where Context == YibaoRequestContext {
    /// A page the menu links to: guarded exactly as the menu entry is shown.
    func page(_ method: HTTPRequest.Method, _ path: RouterPath, section: ConsoleSection,
              use handler: @escaping @Sendable (ConsoleVisit, Context) async throws -> Response) {
        page(method, path, section.permission, for: section.binding, use: handler)
    }

    func page(_ method: HTTPRequest.Method, _ path: RouterPath, _ permission: Permission?, for binding: Role.Binding? = nil,
              use handler: @escaping @Sendable (ConsoleVisit, Context) async throws -> Response) {
        on(path, method: method) { request, context in
            let csrf = ConsoleCSRF.token(for: request) ?? ""
            let visit = ConsoleVisit(request: request, principal: context.principal, language: ConsoleLanguage(request), csrf: csrf)
            do {
                if let permission {
                    guard let principal = context.principal else { return ConsoleRenderer.redirect("/signin") }
                    if context.passwordChangeRequired { return Self.passwordFirst }
                    try Authorization.check(principal, permission, principal.ownScope)
                    if let binding, principal.role.binding != binding {
                        throw DomainError(.forbidden, code: "FORBIDDEN_PAGE",
                                          message: "角色“\(principal.role.displayName)”不使用此页面",
                                          messageEn: "this page is not for role \(principal.role.rawValue)")
                    }
                }
                return try await handler(visit, context)
            } catch let error as DomainError {
                return ConsoleRenderer.error(error, visit)
            }
        }
    }

    /// A page for whoever is signed in, whatever their permissions; like a permissioned page, it waits
    /// until a password an administrator set has been replaced.
    func signedInPage(_ method: HTTPRequest.Method, _ path: RouterPath,
                      use handler: @escaping @Sendable (ConsoleVisit, Principal, Context) async throws -> Response) {
        page(method, path, nil) { visit, context in
            guard let principal = visit.principal else { return ConsoleRenderer.redirect("/signin") }
            if context.passwordChangeRequired { return Self.passwordFirst }
            return try await handler(visit, principal, context)
        }
    }

    private static var passwordFirst: Response { ConsoleRenderer.redirect("/password") }
}
