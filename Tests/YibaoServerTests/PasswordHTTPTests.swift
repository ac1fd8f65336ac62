import SQLKit
import Testing
import YibaoStore
import YibaoTestSupport

/// Passwords over real HTTP: one's own changed with the current one, another's set by its
/// administrator; either way the user's sessions end and only the new password signs in.
@Suite struct PasswordHTTPTests {
    @Test(arguments: TestBackend.all)
    func aUserChangesTheirOwnPasswordWithTheCurrentOne(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let clerk = try await client.signIn("enrol")
            let other = try await client.signIn("enrol")
            let wrong = try await client.send(.post, "/api/me/password", body: #"{"current_password":"guess-guess","password":"Xiamen-2026"}"#,
                                              auth: clerk)
            #expect(wrong.status == .unauthorized)
            #expect(wrong.json["code"] as? String == "PASSWORD_WRONG" && wrong.json["path"] as? String == "current_password")
            let short = try await client.send(.post, "/api/me/password", body: #"{"current_password":"\#(DemoData.password)","password":"short"}"#,
                                              auth: clerk)
            #expect(short.json["code"] as? String == "PASSWORD_TOO_SHORT")
            // Neither refusal changed anything.
            #expect(try await client.send(.get, "/api/me", auth: clerk).status == .ok)

            let changed = try await client.send(.post, "/api/me/password",
                                                body: #"{"current_password":"\#(DemoData.password)","password":"Xiamen-2026"}"#, auth: clerk)
            #expect(changed.status == .noContent)
            #expect(changed.headers[.setCookie]?.contains("Max-Age=0") == true)
            #expect(try await client.send(.get, "/api/me", auth: clerk).status == .unauthorized)
            #expect(try await client.send(.get, "/api/me", auth: other).status == .unauthorized)
            await #expect(throws: TestSetupError.self) { _ = try await client.signIn("enrol") }
            #expect(try await client.send(.get, "/api/me", auth: try await client.signIn("enrol", "Xiamen-2026")).status == .ok)
        }
    }

    @Test(arguments: TestBackend.all)
    func anAdministratorSetsAnotherUsersPasswordButNotTheirOwn(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let admin = try await client.signIn("admin")
            let clerk = try await client.signIn("collect")
            let set = try await client.send(.post, "/api/users/collect/password", body: #"{"password":"Reset-2026!"}"#, auth: admin)
            #expect(set.status == .noContent)
            #expect(try await client.send(.get, "/api/me", auth: clerk).status == .unauthorized)
            _ = try await client.signIn("collect", "Reset-2026!")

            let own = try await client.send(.post, "/api/users/admin/password", body: #"{"password":"Reset-2026!"}"#, auth: admin)
            #expect(own.status == .conflict && own.json["code"] as? String == "USER_PASSWORD_SELF")
            let byClerk = try await client.send(.post, "/api/users/admin/password", body: #"{"password":"Reset-2026!"}"#,
                                                auth: try await client.signIn("enrol"))
            #expect(byClerk.status == .forbidden)
            let foreign = try await client.send(.post, "/api/users/collect/password", body: #"{"password":"Reset-2026!"}"#,
                                                auth: try await client.signIn("benxi-admin"))
            #expect(foreign.status == .forbidden)
            _ = try await client.signIn("admin")
        }
    }

    @Test(arguments: TestBackend.all)
    func theConsoleChangesPasswordsAndSaysSo(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let clerk = try await client.signIn("review")
            let page = try await client.send(.get, "/password", auth: clerk)
            #expect(page.status == .ok && page.body.contains("id=\"password-form\""))
            let csrf = try #require(ConsolePagesTests.csrf(page.body))
            let mismatch = try await client.send(.post, "/password", body: "csrf=\(csrf)&current_password=\(DemoData.password)"
                                                     + "&password=Checker-2026&password_repeat=Checker-2027", auth: clerk, contentType: LiveServer.form)
            #expect(mismatch.status == .badRequest && mismatch.body.contains("<code>password_repeat</code>"))
            let done = try await client.send(.post, "/password", body: "csrf=\(csrf)&current_password=\(DemoData.password)"
                                                 + "&password=Checker-2026&password_repeat=Checker-2026", auth: clerk, contentType: LiveServer.form)
            #expect(done.status == .seeOther && done.headers[.location] == "/signin?password=changed")
            #expect(try await client.send(.get, "/signin?password=changed").body.contains("id=\"password-changed\""))
            #expect(try await client.send(.get, "/api/me", auth: clerk).status == .unauthorized)
            _ = try await client.signIn("review", "Checker-2026")

            let admin = try await client.signIn("admin")
            let user = try await client.send(.get, "/users/auditor", auth: admin)
            #expect(user.body.contains("id=\"set-password\""))
            #expect(!(try await client.send(.get, "/users/admin", auth: admin).body.contains("id=\"set-password\"")))
            let adminCSRF = try #require(ConsolePagesTests.csrf(user.body))
            let short = try await client.send(.post, "/users/auditor/password", body: "csrf=\(adminCSRF)&password=short", auth: admin,
                                              contentType: LiveServer.form)
            #expect(short.status == .badRequest && short.body.contains("<code>password</code>"))
            let reset = try await client.send(.post, "/users/auditor/password", body: "csrf=\(adminCSRF)&password=Audit-2026-x", auth: admin,
                                              contentType: LiveServer.form)
            #expect(reset.status == .seeOther)
            _ = try await client.signIn("auditor", "Audit-2026-x")
        }
    }

    @Test(arguments: TestBackend.all)
    func aPasswordAnAdministratorSetIsReplacedBeforeAnythingElse(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let admin = try await client.signIn("admin")
            #expect(try await client.send(.get, "/api/policies", auth: try await client.signIn("fund")).status == .ok)
            #expect(try await client.send(.post, "/api/users/fund/password", body: #"{"password":"Ledger-Reset-1"}"#, auth: admin).status
                == .noContent)

            let fund = try await client.signIn("fund", "Ledger-Reset-1")
            let refused = try await client.send(.get, "/api/policies", auth: fund)
            #expect(refused.status == .forbidden && refused.json["code"] as? String == "PASSWORD_CHANGE_REQUIRED")
            #expect(try await client.send(.get, "/api/me", auth: fund).status == .ok)
            // Every page waits, the jobs' pages (open to whoever is signed in) too.
            for path in ["/dashboard", "/jobs", "/jobs/1"] {
                let page = try await client.send(.get, path, auth: fund)
                #expect(page.status == .seeOther && page.headers[.location] == "/password", "\(path)")
            }
            #expect(try await client.send(.get, "/password", auth: fund).body.contains("id=\"password-required\""))
            // A token is not a session: the hospital systems' calls never wait for a password.
            let token = try #require(try await client.send(.post, "/api/users/fund/tokens", body: #"{"name":"script"}"#, auth: admin)
                .json["token"] as? String)
            #expect(try await client.send(.get, "/api/policies", auth: token).status == .ok)

            let same = try await client.send(.post, "/api/me/password", body: #"{"current_password":"Ledger-Reset-1","password":"Ledger-Reset-1"}"#,
                                             auth: fund)
            #expect(same.status == .badRequest && same.json["code"] as? String == "PASSWORD_UNCHANGED")
            #expect(try await client.send(.post, "/api/me/password", body: #"{"current_password":"Ledger-Reset-1","password":"Ledger-Own-2026"}"#,
                                          auth: fund).status == .noContent)
            let own = try await client.signIn("fund", "Ledger-Own-2026")
            #expect(try await client.send(.get, "/api/policies", auth: own).status == .ok)
            #expect(!(try await client.send(.get, "/password", auth: own).body.contains("id=\"password-required\"")))
            // A user the administrator created with a password starts the same way.
            let created = try await client.send(.post, "/api/users", body: #"{"username":"li.na","role":"analyst","admdvs":"350200","password":"Initial-2026"}"#,
                                                auth: admin)
            #expect(created.status == .created && created.json["passwordChangeRequired"] as? Bool == true)
            #expect(try await client.send(.get, "/api/policies", auth: try await client.signIn("li.na", "Initial-2026")).status == .forbidden)
        }
    }

    @Test(arguments: TestBackend.all)
    func aPasswordPastItsAgeIsReplacedBeforeAnythingElse(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let fund = try await client.signIn("fund")
            #expect(try await client.send(.get, "/api/policies", auth: fund).status == .ok)
            // The standard rules: 90 days. Set 91 days ago, the open session is held to it at once.
            try await client.database.write { sql in
                try await sql.update("users").set("password_changed_at", to: Clock.nowMillis() - 91 * 86_400_000)
                    .where("username", .equal, "fund").run()
            }
            let refused = try await client.send(.get, "/api/policies", auth: fund)
            #expect(refused.status == .forbidden && refused.json["code"] as? String == "PASSWORD_EXPIRED")
            #expect(try await client.send(.get, "/api/me", auth: fund).status == .ok)
            let page = try await client.send(.get, "/dashboard", auth: fund)
            #expect(page.status == .seeOther && page.headers[.location] == "/password")
            let form = try await client.send(.get, "/password", auth: fund).body
            #expect(form.contains("id=\"password-required\"") && form.contains("90"))

            let same = try await client.send(.post, "/api/me/password",
                                             body: #"{"current_password":"\#(DemoData.password)","password":"\#(DemoData.password)"}"#, auth: fund)
            #expect(same.status == .badRequest && same.json["code"] as? String == "PASSWORD_UNCHANGED")
            #expect(try await client.send(.post, "/api/me/password", body: #"{"current_password":"\#(DemoData.password)","password":"Ledger-Renewed-2026"}"#,
                                          auth: fund).status == .noContent)
            let renewed = try await client.signIn("fund", "Ledger-Renewed-2026")
            #expect(try await client.send(.get, "/api/policies", auth: renewed).status == .ok)
            // Nor can the old one come straight back (the last five are kept).
            let back = try await client.send(.post, "/api/me/password",
                                             body: #"{"current_password":"Ledger-Renewed-2026","password":"\#(DemoData.password)"}"#, auth: renewed)
            #expect(back.status == .badRequest && back.json["code"] as? String == "PASSWORD_REUSED" && back.json["path"] as? String == "password")
        }
    }
}
