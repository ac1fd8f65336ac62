import Hummingbird
import YibaoCore
import YibaoStore

/// Registration of API routes that cannot forget their guard: each names the permission it needs,
/// and the handler receives the principal only after the role check passed. Handlers then check the
/// target's scope with `principal.authorize(_:on:)` once they know which region, institution or
/// person the target belongs to.
extension RouterMethods where Context == YibaoRequestContext {
    @discardableResult
    func secured<Output: ResponseGenerator>(
        _ method: HTTPRequest.Method, _ path: RouterPath, _ permission: Permission,
        use handler: @escaping @Sendable (Request, Context, Principal) async throws -> Output
    ) -> Self {
        on(path, method: method) { request, context in
            let principal = try context.signedIn()
            if let reason = context.passwordChange { throw DomainError.passwordChangeRequired(reason) }
            // The role half of the check: the principal's own binding always fits its scope.
            try Authorization.check(principal, permission, principal.ownScope)
            return try await handler(request, context, principal)
        }
    }
}

extension DomainError {
    /// A session whose password an administrator set, or whose password is past its age, may change it
    /// and nothing else.
    static func passwordChangeRequired(_ reason: PasswordChangeReason) -> DomainError {
        switch reason {
        case .setByAdministrator:
            DomainError(.forbidden, code: "PASSWORD_CHANGE_REQUIRED",
                        message: "请先修改管理员为您设置的密码（POST /api/me/password，或控制台“修改密码”）",
                        messageEn: "change the password an administrator set for you first (POST /api/me/password, or 修改密码 in the console)")
        case .expired:
            DomainError(.forbidden, code: "PASSWORD_EXPIRED",
                        message: "密码已超过规定的使用期限，请先修改（POST /api/me/password，或控制台“修改密码”）",
                        messageEn: "your password is older than the deployment allows: change it first (POST /api/me/password, or 修改密码 in the console)")
        }
    }
}

extension YibaoRequestContext {
    /// The caller, or the API's answer to a call without a session or a token.
    func signedIn() throws(DomainError) -> Principal {
        guard let principal else {
            throw DomainError(.unauthorized, code: "NOT_SIGNED_IN", message: "请先登录或提供访问令牌",
                              messageEn: "sign in or send a bearer token first")
        }
        return principal
    }
}

extension Principal {
    var ownScope: Scope { Scope(region: region, institutionCode: institutionCode, personID: personID, employerID: employerID) }

    /// The scope half of the check, for a target whose owner is known.
    func authorize(_ permission: Permission, on scope: Scope) throws(DomainError) {
        try Authorization.check(self, permission, scope)
    }
}
