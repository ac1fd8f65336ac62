import Foundation
import Hummingbird
import YibaoCore
import YibaoStore

/// Users for administrators: the users of the regions they manage, and on a user's page its state
/// and API tokens, with the buttons that take access away or give it back — the same rules as the
/// API (`UserAdministration`): one's own user cannot be disabled, a revoked token never works again.
/// Every change is a form POST with the page's token, answered by a redirect to the user's page.
struct UserPages {
    let services: Services
    private var administration: UserAdministration { UserAdministration(users: services.users) }

    func register(on router: Router<YibaoRequestContext>) {
        router.page(.get, "/users", section: .users) { visit, _ in
            let users = try await administration.list(by: visit.user)
            let data: [String: Any] = [
                "caption": visit.pick("可管理的用户 \(users.count) 个", "\(users.count) users you manage"),
                "users": users.map { facts(of: $0, visit) },
            ]
            return ConsoleRenderer.render(ConsolePage(template: "users", title: visit.t("users_title"), data: data), visit)
        }
        router.page(.get, "/users/:username", section: .users) { visit, context in
            let user = try await managed(context, visit)
            let tokens = try await services.users.tokens(of: user.username).map { token -> [String: Any] in
                ["name": token.name, "issued": ConsoleFormat.instant(token.createdAt),
                 "revoked": token.revokedAt.map(ConsoleFormat.instant) ?? "", "live": token.revokedAt == nil]
            }
            var data = facts(of: user, visit)
            data["tokens"] = tokens
            data["hasLive"] = tokens.contains { $0["live"] as? Bool == true }
            data["own"] = user.id == visit.user.userID
            data["switchAction"] = user.active ? "disable" : "enable"
            data["switchLabel"] = visit.t(user.active ? "users_disable" : "users_enable")
            return ConsoleRenderer.render(ConsolePage(template: "user", title: "\(visit.t("users_user")) \(user.username)", data: data), visit)
        }
        for (action, active) in [("disable", false), ("enable", true)] {
            router.page(.post, RouterPath(stringLiteral: "/users/:username/\(action)"), .userManage, for: .agency) { visit, context in
                try ConsoleCSRF.check(try await FormBody.read(visit.request, context: context), visit.request)
                let user = try await managed(context, visit)
                _ = try await administration.setActive(active, user, by: visit.user)
                return ConsoleRenderer.redirect(Self.page(of: user))
            }
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

    private func managed(_ context: YibaoRequestContext, _ visit: ConsoleVisit) async throws -> UserRecord {
        try await administration.managed(try context.parameters.require("username"), by: visit.user)
    }

    private func facts(of user: UserRecord, _ visit: ConsoleVisit) -> [String: Any] {
        let role = Role(rawValue: user.role)
        let binding = [user.institution, user.personID.map { String($0) }, user.employerID.map { String($0) }].compactMap { $0 }.first
        var facts: [String: Any] = [
            "username": user.username, "page": Self.page(of: user), "name": user.displayName,
            "role": role.map { visit.pick($0.displayName, $0.displayNameEn) } ?? user.role, "region": user.region,
            "active": user.active, "state": visit.t(user.active ? "users_active" : "users_disabled"),
        ]
        facts["binding"] = binding
        return facts
    }

    static func page(of user: UserRecord) -> String {
        "/users/" + (user.username.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? user.username)
    }
}
