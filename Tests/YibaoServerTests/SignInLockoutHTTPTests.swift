import Testing
import YibaoStore
import YibaoTestSupport

/// The lock after five wrong passwords and the password rules, over real HTTP: the API, the console's
/// sign-in, and the administrator's unlock on the API and in the console.
@Suite struct SignInLockoutHTTPTests {
    static func guess(_ client: LiveServer.Client, _ username: String) async throws -> LiveServer.Client.Reply {
        try await client.send(.post, "/api/session", body: #"{"username":"\#(username)","password":"Guess-2026"}"#)
    }

    @Test(arguments: TestBackend.all)
    func fiveWrongPasswordsLockUntilAnAdministratorUnlocksInTheConsole(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let earlier = try await client.signIn("enrol")
            for attempt in 1...4 {
                let reply = try await Self.guess(client, "enrol")
                #expect(reply.status == .unauthorized && reply.code == "LOGIN_FAILED", "attempt \(attempt)")
            }
            let fifth = try await Self.guess(client, "enrol")
            #expect(fifth.status == .unauthorized && fifth.code == "USER_LOCKED")
            #expect((fifth.json["message"] as? String)?.contains("15 分钟") == true)
            await #expect(throws: TestSetupError.self) { _ = try await client.signIn("enrol") }
            // A session from before the guesses goes on; the lock is on signing in.
            #expect(try await client.send(.get, "/api/me", auth: earlier).status == .ok)

            // The console's sign-in says why.
            let form = try await client.send(.get, "/signin")
            let token = try #require(ConsolePagesTests.csrf(form.body))
            let refused = try await client.send(.post, "/signin", body: "csrf=\(token)&username=enrol&password=\(DemoData.password)",
                                                auth: "yibao_csrf=\(token)", contentType: LiveServer.form)
            #expect(refused.status == .unauthorized && refused.body.contains("账号已锁定"))

            let admin = try await client.signIn("admin")
            let list = try await client.send(.get, "/users", auth: admin)
            #expect(list.body.contains("登录已锁定至"))
            let page = try await client.send(.get, "/users/enrol", auth: admin)
            #expect(page.body.contains("id=\"unlock\""))
            let csrf = try #require(ConsolePagesTests.csrf(page.body))
            let unlocked = try await client.send(.post, "/users/enrol/unlock", body: "csrf=\(csrf)", auth: admin, contentType: LiveServer.form)
            #expect(unlocked.status == .seeOther)
            #expect(try await !client.send(.get, "/users/enrol", auth: admin).body.contains("id=\"unlock\""))
            _ = try await client.signIn("enrol")
            // Only a user manager of the region unlocks.
            let byClerk = try await client.send(.post, "/api/users/admin/unlock", auth: try await client.signIn("collect"))
            #expect(byClerk.status == .forbidden)
        }
    }

    @Test(arguments: TestBackend.all)
    func theAPIUnlocksAndShowsTheLock(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            for _ in 1...5 { _ = try await Self.guess(client, "collect") }
            let admin = try await client.signIn("admin")
            let users = try await client.send(.get, "/api/users", auth: admin)
            let items = try #require(users.json["items"] as? [[String: Any]])
            let collect = try #require(items.first { $0["username"] as? String == "collect" })
            #expect(collect["lockedUntil"] is Int64 || collect["lockedUntil"] is Int || collect["lockedUntil"] is Double)
            let unlocked = try await client.send(.post, "/api/users/collect/unlock", auth: admin)
            #expect(unlocked.status == .ok && unlocked.json["lockedUntil"] == nil && unlocked.json["failedSignIns"] as? Int == 0)
            _ = try await client.signIn("collect")
            let trail = try await client.database.read { sql in try await AuditTrail.recent(region: "350200", limit: 10, in: sql) }
            #expect(trail.filter { $0.target == "user:collect" }.map(\.action).prefix(4)
                == ["user.signin", "user.unlock", "user.lock", "user.signin_failed"])
        }
    }

    @Test(arguments: TestBackend.all)
    func aNewPasswordFollowsTheRulesOnEveryPath(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let admin = try await client.signIn("admin")
            let simple = try await client.send(.post, "/api/users", body: #"""
                {"username":"clerk2","role":"enrolment_clerk","admdvs":"350200","password":"alllowercase"}
                """#, auth: admin)
            #expect(simple.status == .badRequest && simple.code == "PASSWORD_TOO_SIMPLE" && simple.json["path"] as? String == "password")
            #expect(try await client.send(.get, "/users/clerk2", auth: admin).status == .notFound)

            let named = try await client.send(.post, "/api/me/password",
                                              body: #"{"current_password":"\#(DemoData.password)","password":"Admin-2026"}"#, auth: admin)
            #expect(named.status == .badRequest && named.code == "PASSWORD_HAS_USERNAME")
            let set = try await client.send(.post, "/api/users/enrol/password", body: #"{"password":"12345678"}"#, auth: admin)
            #expect(set.code == "PASSWORD_TOO_SIMPLE")
            // The forms say the rule.
            let page = try await client.send(.get, "/password", auth: admin)
            #expect(page.body.contains("至少 8 个字符，含大写字母、小写字母、数字、其他字符中的至少 3 类") && page.body.contains("minlength=\"8\""))
            _ = try await client.signIn("enrol")
        }
    }
}
