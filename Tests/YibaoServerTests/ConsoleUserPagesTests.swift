import Testing
import YibaoStore
import YibaoTestSupport

/// The administrator's users pages over real HTTP: who is listed, what the buttons do, what is refused.
@Suite struct ConsoleUserPagesTests {
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
            let disabled = try await client.send(.post, "/users/enrol/disable", body: "csrf=\(csrf)", auth: admin, contentType: LiveServer.form)
            #expect(disabled.status == .seeOther)
            #expect(disabled.headers[.location] == "/users/enrol")
            #expect(try await client.send(.get, "/users/enrol", auth: admin).body.contains("<dd id=\"user-state\">已停用</dd>"))
            #expect(try await client.send(.get, "/api/me", auth: clerk).status == .unauthorized)
            // Without the page's token nothing changes.
            let forged = try await client.send(.post, "/users/enrol/enable", body: "csrf=x", auth: admin, contentType: LiveServer.form)
            #expect(forged.status == .forbidden)
            #expect(try await client.send(.post, "/users/enrol/enable", body: "csrf=\(csrf)", auth: admin, contentType: LiveServer.form).status == .seeOther)
            #expect(try await client.send(.get, "/users/enrol", auth: admin).body.contains("<dd id=\"user-state\">启用</dd>"))

            // One's own page has no switch, and the post is refused with the reason.
            #expect(!(try await client.send(.get, "/users/admin", auth: admin).body.contains("id=\"switch\"")))
            let own = try await client.send(.post, "/users/admin/disable", body: "csrf=\(csrf)", auth: admin, contentType: LiveServer.form)
            #expect(own.status == .conflict)
            #expect(own.body.contains("USER_DISABLE_SELF"))

            let token = try #require(try await client.send(.post, "/api/users/his/tokens", body: #"{"name":"his-prod"}"#, auth: admin)
                .json["token"] as? String)
            let tokens = try await client.send(.get, "/users/his", auth: admin)
            #expect(tokens.body.contains("<td>his-prod</td>"))
            #expect(!tokens.body.contains(token))
            let revoked = try await client.send(.post, "/users/his/tokens/revoke", body: "csrf=\(csrf)&name=his-prod", auth: admin,
                                                contentType: LiveServer.form)
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

    @Test(arguments: TestBackend.all)
    func anAdministratorCreatesAHospitalSystemAndIssuesItsTokenFromTheConsole(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let admin = try await client.signIn("admin")
            let list = try await client.send(.get, "/users", auth: admin)
            #expect(list.body.contains("id=\"new-user\""))
            let csrf = try #require(ConsolePagesTests.csrf(list.body))

            // A refusal shows the form again as typed, with the reason and its field; nothing is created.
            let bad = try await client.send(.post, "/users", body: "csrf=\(csrf)&username=his+2&display_name=%E4%BA%8C%E9%99%A2&role=system_client"
                                                + "&admdvs=350200&fixmedins_code=H35020000002", auth: admin, contentType: LiveServer.form)
            #expect(bad.status == .badRequest)
            #expect(bad.body.contains("id=\"problem\"") && bad.body.contains("<code>username</code>"))
            #expect(bad.body.contains("value=\"his 2\"") && bad.body.contains("value=\"H35020000002\""))
            #expect(bad.body.contains("<option value=\"system_client\" selected>"))
            let unbound = try await client.send(.post, "/users", body: "csrf=\(csrf)&username=his2&role=system_client&admdvs=350200",
                                                auth: admin, contentType: LiveServer.form)
            #expect(unbound.status == .badRequest && unbound.body.contains("必须绑定") && unbound.body.contains("<code>fixmedins_code</code>"))
            let region = try await client.send(.post, "/users", body: "csrf=\(csrf)&username=his2&role=system_client&admdvs=3502"
                                                   + "&fixmedins_code=H35020000002", auth: admin, contentType: LiveServer.form)
            #expect(region.status == .badRequest && region.body.contains("<code>admdvs</code>"))
            #expect(try await client.send(.get, "/api/users", auth: admin).body.contains("his2") == false)

            let created = try await client.send(.post, "/users", body: "csrf=\(csrf)&username=his2&display_name=%E4%BA%8C%E9%99%A2+HIS"
                                                    + "&role=system_client&admdvs=350200&fixmedins_code=H35020000002&password=", auth: admin,
                                                contentType: LiveServer.form)
            #expect(created.status == .seeOther)
            #expect(created.headers[.location] == "/users/his2")
            let page = try await client.send(.get, "/users/his2", auth: admin)
            #expect(page.body.contains("二院 HIS") && page.body.contains("H35020000002") && page.body.contains("没有令牌"))

            // A blank label is refused on the page; a good one shows the secret this once, and it works.
            let blank = try await client.send(.post, "/users/his2/tokens", body: "csrf=\(csrf)&name=+", auth: admin, contentType: LiveServer.form)
            #expect(blank.status == .badRequest && blank.body.contains("<code>name</code>") && !blank.body.contains("id=\"new-token\""))
            let issued = try await client.send(.post, "/users/his2/tokens", body: "csrf=\(csrf)&name=his-2026", auth: admin, contentType: LiveServer.form)
            #expect(issued.status == .created)
            #expect(issued.headers[.cacheControl] == "no-store")
            let token = try #require(issued.body.firstMatch(of: /<code id="new-token">(ybt_[A-Za-z0-9_-]+)<\/code>/)?.1).description
            let me = try await client.send(.get, "/api/me", auth: token)
            #expect(me.status == .ok && me.json["username"] as? String == "his2")
            let again = try await client.send(.get, "/users/his2", auth: admin)
            #expect(again.body.contains("<td>his-2026</td>") && !again.body.contains(token))

            // Without the page's token nothing is issued.
            #expect(try await client.send(.post, "/users/his2/tokens", body: "csrf=x&name=forged", auth: admin, contentType: LiveServer.form).status
                == .forbidden)
            #expect(!(try await client.send(.get, "/users/his2", auth: admin).body.contains("forged")))
        }
    }

    @Test(arguments: TestBackend.all)
    func theAPIRefusesABadUsernameOrLabelWithItsField(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let admin = try await client.signIn("admin")
            let user = try await client.send(.post, "/api/users", body: #"{"username":"张 伟","role":"analyst","admdvs":"350200"}"#, auth: admin)
            #expect(user.status == .badRequest)
            #expect(user.json["code"] as? String == "USERNAME_INVALID" && user.json["path"] as? String == "username")
            let token = try await client.send(.post, "/api/users/his/tokens", body: #"{"name":""}"#, auth: admin)
            #expect(token.status == .badRequest)
            #expect(token.json["code"] as? String == "TOKEN_NAME_INVALID")
        }
    }

    /// A province's thousands of hospital systems come a hundred to a page, and a search finds one.
    @Test(arguments: TestBackend.all)
    func theListComesByPagesAndASearchNarrowsIt(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let users = UserRepository(database: client.database, bcryptCost: 4)
            try await client.database.write { sql in
                for n in 1...120 {
                    _ = try await users.create(UserRecord(id: 0, username: "his-\(1000 + n)", displayName: "医院 \(n) HIS", role: "system_client",
                                                          region: "350200", institution: "H35020000002"),
                                               passwordHash: nil, by: .commandLine(region: "350200"), in: sql)
                }
            }
            let admin = try await client.signIn("admin")
            let api = try await client.send(.get, "/api/users?limit=50", auth: admin)
            let items = try #require(api.json["items"] as? [[String: Any]])
            #expect(items.count == 50 && api.json["next_after"] as? String == items.last?["username"] as? String)
            let rest = try await client.send(.get, "/api/users?limit=500&after=\(api.json["next_after"] as? String ?? "")", auth: admin)
            #expect((rest.json["items"] as? [[String: Any]])?.count == 131 - 50 && rest.json["next_after"] == nil)

            let first = try await client.send(.get, "/users", auth: admin)
            #expect(first.body.components(separatedBy: "<tr id=\"user-").count - 1 == 100)
            let next = try #require(first.body.components(separatedBy: "id=\"users-next\"").first?
                .components(separatedBy: "href=\"").last?.prefix { $0 != "\"" })
            #expect(next.hasPrefix("/users?q=&amp;after=his-"))
            let second = try await client.send(.get, String(next).replacingOccurrences(of: "&amp;", with: "&"), auth: admin)
            #expect(second.body.components(separatedBy: "<tr id=\"user-").count - 1 == 31 && !second.body.contains("users-next"))

            let found = try await client.send(.get, "/users?q=%E5%8C%BB%E9%99%A2+7+HIS", auth: admin)   // 医院 7 HIS
            #expect(found.body.contains("id=\"user-his-1007\"") && found.body.components(separatedBy: "<tr id=\"user-").count - 1 == 1)
            #expect(try await client.send(.get, "/users?q=nobody", auth: admin).body.contains("没有符合条件的用户"))
        }
    }
}
