import Testing
import YibaoStore
import YibaoTestSupport

/// The administrator's users pages over real HTTP: who is listed, what the buttons do, what is refused.
@Suite struct ConsoleUserPagesTests {
    static let form = "application/x-www-form-urlencoded"

    @Test(arguments: TestBackend.all)
    func anAdministratorDisablesAUserAndRevokesATokenFromTheConsole(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let admin = try await client.signIn("admin")
            let clerk = try await client.signIn("enrol")
            let list = try await client.send(.get, "/users", auth: admin)
            #expect(list.status == .ok)
            #expect(list.body.contains("id=\"user-enrol\"") && list.body.contains("id=\"user-his\""))
            // Benxi's administrator is not the Xiamen administrator's to manage.
            #expect(!list.body.contains("benxi-admin"))

            let page = try await client.send(.get, "/users/enrol", auth: admin)
            #expect(page.body.contains("停用此用户"))
            let csrf = try #require(ConsolePagesTests.csrf(page.body))
            let disabled = try await client.send(.post, "/users/enrol/disable", body: "csrf=\(csrf)", auth: admin, contentType: Self.form)
            #expect(disabled.status == .seeOther)
            #expect(disabled.headers[.location] == "/users/enrol")
            #expect(try await client.send(.get, "/users/enrol", auth: admin).body.contains("<dd id=\"user-state\">已停用</dd>"))
            #expect(try await client.send(.get, "/api/me", auth: clerk).status == .unauthorized)
            // Without the page's token nothing changes.
            let forged = try await client.send(.post, "/users/enrol/enable", body: "csrf=x", auth: admin, contentType: Self.form)
            #expect(forged.status == .forbidden)
            #expect(try await client.send(.post, "/users/enrol/enable", body: "csrf=\(csrf)", auth: admin, contentType: Self.form).status == .seeOther)
            #expect(try await client.send(.get, "/users/enrol", auth: admin).body.contains("<dd id=\"user-state\">启用</dd>"))

            // One's own page has no switch, and the post is refused with the reason.
            #expect(!(try await client.send(.get, "/users/admin", auth: admin).body.contains("id=\"switch\"")))
            let own = try await client.send(.post, "/users/admin/disable", body: "csrf=\(csrf)", auth: admin, contentType: Self.form)
            #expect(own.status == .conflict)
            #expect(own.body.contains("USER_DISABLE_SELF"))

            let token = try #require(try await client.send(.post, "/api/users/his/tokens", body: #"{"name":"his-prod"}"#, auth: admin)
                .json["token"] as? String)
            let tokens = try await client.send(.get, "/users/his", auth: admin)
            #expect(tokens.body.contains("<td>his-prod</td>"))
            #expect(!tokens.body.contains(token))
            let revoked = try await client.send(.post, "/users/his/tokens/revoke", body: "csrf=\(csrf)&name=his-prod", auth: admin,
                                                contentType: Self.form)
            #expect(revoked.status == .seeOther)
            #expect(try await client.send(.get, "/api/me", auth: token).status == .unauthorized)
            #expect(!(try await client.send(.get, "/users/his", auth: admin).body.contains("id=\"revoke-all\"")))
        }
    }

    @Test(arguments: TestBackend.all)
    func onlyUserManagersOfTheRegionOpenThePages(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let clerk = try await client.signIn("enrol")
            let refused = try await client.send(.get, "/users", auth: clerk)
            #expect(refused.status == .forbidden)
            #expect(refused.body.contains("FORBIDDEN_ROLE"))
            #expect(!(try await client.send(.get, "/dashboard", auth: clerk).body.contains("href=\"/users\"")))
            let foreign = try await client.send(.get, "/users/enrol", auth: try await client.signIn("benxi-admin"))
            #expect(foreign.status == .forbidden)
            #expect(foreign.body.contains("FORBIDDEN_SCOPE"))
        }
    }
}
