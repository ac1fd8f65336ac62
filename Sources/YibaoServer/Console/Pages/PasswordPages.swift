import Hummingbird
import YibaoCore
import YibaoStore

/// One's own password (修改密码, linked from every page's header): the current one, the new one twice.
/// A change ends every session of the user, this one too, so the answer is the sign-in page saying so.
/// A user whose password an administrator set, or whose password is past its age, is sent here from
/// every other page until it is changed.
struct PasswordPages {
    let users: UserRepository

    func register(on router: Router<YibaoRequestContext>) {
        router.page(.get, "/password", nil) { visit, context in
            guard visit.principal != nil else { return ConsoleRenderer.redirect("/signin") }
            return form(visit, required: context.passwordChange, failure: nil)
        }
        router.page(.post, "/password", nil) { visit, context in
            guard let principal = visit.principal else { return ConsoleRenderer.redirect("/signin") }
            let fields = try await FormBody.read(visit.request, context: context)
            try ConsoleCSRF.check(fields, visit.request)
            do {
                let new = fields["password"] ?? ""
                guard new == fields["password_repeat"] else {
                    throw DomainError(code: "PASSWORD_MISMATCH", message: "两次输入的新密码不一致", messageEn: "the new password and its repetition differ",
                                      path: "password_repeat")
                }
                try await users.changeOwnPassword(username: principal.username, current: fields["current_password"] ?? "", new: new,
                                                  by: principal.auditActor)
            } catch let error as DomainError {
                return form(visit, required: context.passwordChange, failure: error)
            }
            var response = ConsoleRenderer.redirect("/signin?password=changed")
            response.setCookie(SessionRoutes.endedSession)
            return response
        }
    }

    private func form(_ visit: ConsoleVisit, required: PasswordChangeReason?, failure: DomainError?) -> Response {
        var data = Self.rule(users.passwordRules, visit)
        switch required {
        case .setByAdministrator: data["required"] = visit.t("password_required")
        case .expired:
            let days = users.passwordRules.maximumAgeDays
            data["required"] = visit.pick("您的密码已使用 \(days) 天以上，请先修改。", "Your password is more than \(days) days old: change it first.")
        case nil: break
        }
        if let failure { data["failure"] = ConsoleRenderer.problem(failure, visit) }
        return ConsoleRenderer.render(ConsolePage(template: "password", title: visit.t("password_title"), data: data,
                                                  status: failure?.kind.status ?? .ok), visit)
    }

    /// A new-password field's hint and least length, from the deployment's rules.
    static func rule(_ rules: PasswordRules, _ visit: ConsoleVisit) -> [String: Any] {
        ["rule": visit.pick(rules.summary.zh, rules.summary.en), "minLength": rules.minimumLength]
    }
}
