import Hummingbird
import YibaoCore
import YibaoStore

/// Cross-site request forgery protection for console forms. A signed-in form carries a token derived
/// from the session secret (SHA-256 of it with a purpose prefix), so it needs no storage, differs per
/// session and cannot be computed by a page that does not hold the HttpOnly session cookie. Before
/// sign-in there is no session, so the sign-in form uses a random value also set as a cookie
/// (double submit). Every console POST checks its token before doing anything.
enum ConsoleCSRF {
    static let field = "csrf"
    static let preSessionCookie = "yibao_csrf"

    static func token(forSession session: String) -> String {
        SecretToken.digest("console-csrf:" + session)
    }

    /// The token a form on this request's page must carry, if the visitor has a session.
    static func token(for request: Request) -> String? {
        request.cookies[AuthenticationMiddleware.sessionCookie].map { token(forSession: $0.value) }
    }

    /// Refuses a POST whose token does not match the session (or, for sign-in, the pre-session cookie).
    static func check(_ form: FormBody, _ request: Request, preSession: Bool = false) throws(DomainError) {
        let expected = preSession ? request.cookies[preSessionCookie]?.value : token(for: request)
        guard let expected, !expected.isEmpty, let sent = form[field], sent == expected else {
            throw DomainError(.forbidden, code: "CSRF_TOKEN_INVALID",
                              message: "表单已失效或来源不明，请刷新页面后重新提交",
                              messageEn: "the form has expired or did not come from this console; reload the page and submit again")
        }
    }
}
