import Hummingbird
import YibaoCore
import YibaoStore

/// Sign-in and sign-out by HTML form, giving the same session cookie as `POST /api/session`, and the
/// root address, which sends each role to its own home page.
struct SignInPages {
    let users: UserRepository

    func register(on router: Router<YibaoRequestContext>) {
        router.page(.get, "/", nil) { visit, _ in
            guard let principal = visit.principal else { return ConsoleRenderer.redirect("/signin") }
            guard let home = ConsoleSection.home(for: principal) else {
                throw DomainError(.forbidden, code: "CONSOLE_NO_PAGES", message: "角色“\(principal.role.displayName)”没有可用的控制台页面",
                                  messageEn: "role \(principal.role.rawValue) has no console pages")
            }
            return ConsoleRenderer.redirect(home.path)
        }
        router.page(.get, "/signin", nil) { visit, _ in
            if visit.principal != nil { return ConsoleRenderer.redirect("/") }
            return signInForm(visit, username: "", failure: nil)
        }
        router.page(.post, "/signin", nil) { visit, context in
            let form = try await FormBody.read(visit.request, context: context)
            try ConsoleCSRF.check(form, visit.request, preSession: true)
            let username = form["username"] ?? ""
            let user: UserRecord
            do {
                user = try await users.authenticate(username: username, password: form["password"] ?? "")
            } catch let error as DomainError where error.kind == .unauthorized {
                return signInForm(visit, username: username, failure: visit.pick(error.message, error.messageEn))
            }
            let principal = try Principal(user)
            let token = try await users.startSession(for: user)
            // A password an administrator set, or one past its age, is replaced before anything else.
            let next = users.passwordChange(for: user) != nil ? "/password" : ConsoleSection.home(for: principal)?.path ?? "/"
            var response = ConsoleRenderer.redirect(next)
            response.setCookie(SessionRoutes.startedSession(token))
            return response
        }
        router.page(.post, "/signout", nil) { visit, context in
            let form = try await FormBody.read(visit.request, context: context)
            try ConsoleCSRF.check(form, visit.request)
            if let token = visit.request.cookies[AuthenticationMiddleware.sessionCookie]?.value {
                try await users.endSession(token)
            }
            var response = ConsoleRenderer.redirect("/signin")
            response.setCookie(SessionRoutes.endedSession)
            return response
        }
    }

    /// The form carries a fresh pre-session token (kept if the browser already has one), also set
    /// as a cookie that only this site can read back.
    private func signInForm(_ visit: ConsoleVisit, username: String, failure: String?) -> Response {
        let token = visit.request.cookies[ConsoleCSRF.preSessionCookie]?.value ?? SecretToken.generate(prefix: "csrf_")
        let formVisit = ConsoleVisit(request: visit.request, principal: nil, language: visit.language, csrf: token)
        var data: [String: Any] = ["username": username]
        if let failure { data["failure"] = failure }
        if failure == nil, visit.query["password"] == "changed" { data["changed"] = true }
        var response = ConsoleRenderer.render(ConsolePage(template: "signin", title: visit.t("signin_title"), data: data,
                                                          status: failure == nil ? .ok : .unauthorized), formVisit)
        response.setCookie(Cookie(name: ConsoleCSRF.preSessionCookie, value: token, maxAge: 3600, path: "/", httpOnly: true, sameSite: .strict))
        return response
    }
}
