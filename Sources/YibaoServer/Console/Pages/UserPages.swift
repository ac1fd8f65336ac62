import Foundation
import Hummingbird
import YibaoCore
import YibaoStore

/// Users for administrators: the users of the regions they manage with a form to create one, and on a
/// user's page its state and API tokens, with the buttons that issue a token, take access away or give
/// it back — the same rules as the API (`UserAdministration`): one's own user cannot be disabled, a
/// revoked token never works again. Every change is a form POST with the page's token, answered by a
/// redirect to the user's page, except a token's issue: its page shows the new secret, this once.
struct UserPages {
    let services: Services
    private var administration: UserAdministration { UserAdministration(users: services.users, database: services.database) }

    func register(on router: Router<YibaoRequestContext>) {
        router.page(.get, "/users", section: .users) { visit, _ in
            try await usersPage(visit, form: FormBody(""))
        }
        // A new user: on success its page; on a refusal the list again with the form as typed and the reason.
        router.page(.post, "/users", section: .users) { visit, context in
            let form = try await FormBody.read(visit.request, context: context)
            try ConsoleCSRF.check(form, visit.request)
            do {
                let user = try await administration.create(try Self.newUser(form), by: visit.user)
                return ConsoleRenderer.redirect(Self.page(of: user))
            } catch let error as DomainError {
                return try await usersPage(visit, form: form, failure: error)
            }
        }
        router.page(.get, "/users/:username", section: .users) { visit, context in
            try await userPage(try await managed(context, visit), visit)
        }
        // The new token is shown once, on the page this post answers: never in an address or a redirect.
        router.page(.post, "/users/:username/tokens", .userManage, for: .agency) { visit, context in
            let form = try await FormBody.read(visit.request, context: context)
            try ConsoleCSRF.check(form, visit.request)
            let user = try await managed(context, visit)
            let label = form["name"] ?? ""
            do {
                let token = try await services.users.issueToken(username: user.username, name: label, by: visit.user.auditActor)
                return try await userPage(user, visit, issued: ["token": token, "name": label], status: .created)
            } catch let error as DomainError {
                return try await userPage(user, visit, failure: error, label: label)
            }
        }
        router.page(.post, "/users/:username/unlock", .userManage, for: .agency) { visit, context in
            try ConsoleCSRF.check(try await FormBody.read(visit.request, context: context), visit.request)
            let user = try await managed(context, visit)
            _ = try await administration.unlock(user, by: visit.user)
            return ConsoleRenderer.redirect(Self.page(of: user))
        }
        for (action, active) in [("disable", false), ("enable", true)] {
            router.page(.post, RouterPath(stringLiteral: "/users/:username/\(action)"), .userManage, for: .agency) { visit, context in
                try ConsoleCSRF.check(try await FormBody.read(visit.request, context: context), visit.request)
                let user = try await managed(context, visit)
                _ = try await administration.setActive(active, user, by: visit.user)
                return ConsoleRenderer.redirect(Self.page(of: user))
            }
        }
        // Another user's password; one's own is changed on /password, with the current one.
        router.page(.post, "/users/:username/password", .userManage, for: .agency) { visit, context in
            let form = try await FormBody.read(visit.request, context: context)
            try ConsoleCSRF.check(form, visit.request)
            let user = try await managed(context, visit)
            do {
                try await administration.setPassword(form["password"] ?? "", of: user, by: visit.user)
            } catch let error as DomainError {
                return try await userPage(user, visit, failure: error)
            }
            return ConsoleRenderer.redirect(Self.page(of: user))
        }
        // A label revokes that label's live tokens; no label, all of the user's.
        router.page(.post, "/users/:username/tokens/revoke", .userManage, for: .agency) { visit, context in
            let form = try await FormBody.read(visit.request, context: context)
            try ConsoleCSRF.check(form, visit.request)
            let user = try await managed(context, visit)
            let name = form["name"].flatMap { $0.isEmpty ? nil : $0 }
            _ = try await services.users.revokeTokens(of: user.username, named: name, by: visit.user.auditActor)
            return ConsoleRenderer.redirect(Self.page(of: user))
        }
    }

    /// A page of the users (`?q=` narrows, `?after=` goes on from a username) and the new-user form.
    private func usersPage(_ visit: ConsoleVisit, form: FormBody, failure: DomainError? = nil) async throws -> Response {
        let text = visit.query["q"] ?? ""
        let page = try await administration.list(by: visit.user, matching: text, after: visit.query["after"])
        let users = page.items
        let typed = { (field: String) in form[field] ?? "" }
        let role = form["role"] ?? Role.enrolmentClerk.rawValue
        let now = Clock.nowMillis()
        var data = PasswordPages.rule(services.users.passwordRules, visit)
        data.merge([
            "caption": visit.pick("可管理的用户，按用户名（本页 \(users.count) 个）", "Users you manage, by username (\(users.count) on this page)"),
            "q": text,

            "users": users.map { facts(of: $0, at: now, visit) },
            "roles": Role.allCases.map { r -> [String: Any] in
                ["value": r.rawValue, "label": visit.pick(r.displayName, r.displayNameEn), "selected": r.rawValue == role]
            },
            "new": ["username": typed("username"), "display_name": typed("display_name"), "admdvs": form["admdvs"] ?? visit.user.region.value,
                    "fixmedins_code": typed("fixmedins_code"), "psn_no": typed("psn_no"), "employer_id": typed("employer_id")],
        ]) { _, new in new }
        data["next"] = page.nextAfter.map { "/users?" + ConsoleURL.query([("q", text), ("after", $0)]) }
        if let failure { data["failure"] = ConsoleRenderer.problem(failure, visit) }
        return ConsoleRenderer.render(ConsolePage(template: "users", title: visit.t("users_title"), data: data,
                                                  status: failure?.kind.status ?? .ok), visit)
    }

    private func userPage(_ user: UserRecord, _ visit: ConsoleVisit, issued: [String: String]? = nil, failure: DomainError? = nil,
                          label: String = "", status: HTTPResponse.Status? = nil) async throws -> Response {
        let tokens = try await services.users.tokens(of: user.username).map { token -> [String: Any] in
            ["name": token.name, "issued": ConsoleFormat.instant(token.createdAt),
             "revoked": token.revokedAt.map(ConsoleFormat.instant) ?? "", "live": token.revokedAt == nil]
        }
        var data = facts(of: user, at: Clock.nowMillis(), visit).merging(PasswordPages.rule(services.users.passwordRules, visit)) { _, new in new }
        data["tokens"] = tokens
        data["hasLive"] = tokens.contains { $0["live"] as? Bool == true }
        data["own"] = user.id == visit.user.userID
        data["switchAction"] = user.active ? "disable" : "enable"
        data["switchLabel"] = visit.t(user.active ? "users_disable" : "users_enable")
        data["label"] = label
        if let issued { data["issued"] = issued }
        if let failure { data["failure"] = ConsoleRenderer.problem(failure, visit) }
        return ConsoleRenderer.render(ConsolePage(template: "user", title: "\(visit.t("users_user")) \(user.username)", data: data,
                                                  status: status ?? failure?.kind.status ?? .ok), visit)
    }

    /// The form's fields as the API's body has them; an empty field is one not given.
    static func newUser(_ form: FormBody) throws(DomainError) -> UserAdministration.NewUser {
        func given(_ field: String) -> String? { form[field].flatMap { $0.isEmpty ? nil : $0 } }
        let roleText = form["role"] ?? ""
        guard let role = Role(rawValue: roleText) else {
            throw DomainError(code: "ROLE_UNKNOWN", message: "未知角色：\(roleText)", messageEn: "unknown role \(roleText)", path: "role")
        }
        let personID = try given("psn_no").map { text throws(DomainError) -> Int64 in
            guard let number = Int64(text), number > 0 else {
                throw DomainError(code: "PSN_NO_INVALID", message: "参保人编号应为正整数：“\(text)”",
                                  messageEn: "a person number is a positive integer: \"\(text)\"", path: "psn_no")
            }
            return number
        }
        let region: RegionCode
        do { region = try RegionCode.parse(form["admdvs"] ?? "") } catch { throw error.at("admdvs") }
        return .init(username: form["username"] ?? "", displayName: given("display_name"), role: role,
                     region: region, institution: given("fixmedins_code"), personID: personID,
                     employerID: given("employer_id"), password: given("password"))
    }

    private func managed(_ context: YibaoRequestContext, _ visit: ConsoleVisit) async throws -> UserRecord {
        try await administration.managed(try context.parameters.require("username"), by: visit.user)
    }

    /// A user's row and facts; `state` says disabled, locked (until when, Beijing time) or active.
    private func facts(of user: UserRecord, at now: Int64, _ visit: ConsoleVisit) -> [String: Any] {
        let role = Role(rawValue: user.role)
        let binding = [user.institution, user.personID.map { String($0) }, user.employerID.map { String($0) }].compactMap { $0 }.first
        let locked = user.isLocked(at: now)
        let state = !user.active ? visit.t("users_disabled")
            : locked ? visit.t("users_locked") + " " + ConsoleFormat.instant(user.lockedUntil ?? now) : visit.t("users_active")
        var facts: [String: Any] = [
            "username": user.username, "page": Self.page(of: user), "name": user.displayName,
            "role": role.map { visit.pick($0.displayName, $0.displayNameEn) } ?? user.role, "region": user.region,
            "active": user.active, "locked": locked, "flagged": !user.active || locked, "state": state,
        ]
        facts["binding"] = binding
        return facts
    }

    static func page(of user: UserRecord) -> String {
        "/users/" + (user.username.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? user.username)
    }
}
