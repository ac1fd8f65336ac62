import Testing
import YibaoStore
import YibaoTestSupport

/// Revoking tokens and disabling users over real HTTP: the server that made the change refuses at
/// once, though it keeps tokens for two seconds (`--token-cache-seconds`).
@Suite struct UserAccessHTTPTests {
    @Test(arguments: TestBackend.all)
    func aRevokedTokenIsRefusedAtOnce(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let admin = try await client.signIn("admin")
            let issued = try await client.send(.post, "/api/users/his/tokens", body: #"{"name":"his-prod"}"#, auth: admin)
            let token = try #require(issued.json["token"] as? String)
            let spare = try #require(try await client.send(.post, "/api/users/his/tokens", body: #"{"name":"his-spare"}"#, auth: admin)
                .json["token"] as? String)
            #expect(try await client.send(.get, "/api/me", auth: token).status == .ok)

            let listed = try await client.send(.get, "/api/users/his/tokens", auth: admin)
            let items = try #require(listed.json["items"] as? [[String: Any]])
            #expect(items.map { $0["name"] as? String } == ["his-prod", "his-spare"])
            #expect(items.allSatisfy { $0["token"] == nil && $0["id"] is String })
            #expect(!listed.body.contains(token))

            let revoked = try await client.send(.delete, "/api/users/his/tokens?name=his-prod", auth: admin)
            #expect(revoked.status == .ok)
            #expect(revoked.json["revoked"] as? Int == 1)
            let refused = try await client.send(.get, "/api/me", auth: token)
            #expect(refused.status == .unauthorized)
            #expect(refused.code == "TOKEN_INVALID")
            #expect(try await client.send(.get, "/api/me", auth: spare).status == .ok)

            let again = try await client.send(.delete, "/api/users/his/tokens?name=his-prod", auth: admin)
            #expect(again.status == .notFound)
            #expect(again.code == "TOKEN_NOT_FOUND")
            #expect((again.json["message"] as? String)?.contains("his-prod") == true)
            #expect(try await client.send(.delete, "/api/users/his/tokens", auth: admin).json["revoked"] as? Int == 1)
            #expect(try await client.send(.get, "/api/me", auth: spare).status == .unauthorized)
        }
    }

    @Test(arguments: TestBackend.all)
    func aDisabledUserIsShutOutUntilEnabled(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let admin = try await client.signIn("admin")
            let clerk = try await client.signIn("enrol")
            #expect(try await client.send(.get, "/api/me", auth: clerk).status == .ok)

            // Only a user manager of the user's region may; nobody may disable themselves.
            let byClerk = try await client.send(.post, "/api/users/collect/disable", auth: clerk)
            #expect(byClerk.status == .forbidden)
            let foreign = try await client.send(.post, "/api/users/enrol/disable", auth: try await client.signIn("benxi-admin"))
            #expect(foreign.status == .forbidden)
            #expect(foreign.code == "FORBIDDEN_SCOPE")
            let own = try await client.send(.post, "/api/users/admin/disable", auth: admin)
            #expect(own.status == .conflict)
            #expect(own.code == "USER_DISABLE_SELF")
            let unknown = try await client.send(.post, "/api/users/nobody/disable", auth: admin)
            #expect(unknown.status == .notFound)
            #expect(unknown.code == "USER_NOT_FOUND")
            #expect(try await client.send(.get, "/api/me", auth: clerk).status == .ok)

            let disabled = try await client.send(.post, "/api/users/enrol/disable", auth: admin)
            #expect(disabled.status == .ok)
            #expect(disabled.json["active"] as? Bool == false)
            #expect(try await client.send(.get, "/api/me", auth: clerk).status == .unauthorized)
            let signIn = try await client.send(.post, "/api/session", body: #"{"username":"enrol","password":"\#(DemoData.password)"}"#)
            #expect(signIn.status == .unauthorized)
            #expect(signIn.code == "USER_DISABLED")

            let enabled = try await client.send(.post, "/api/users/enrol/enable", auth: admin)
            #expect(enabled.json["active"] as? Bool == true)
            // The old session stays ended; signing in again works.
            #expect(try await client.send(.get, "/api/me", auth: clerk).status == .unauthorized)
            #expect(try await client.send(.get, "/api/me", auth: try await client.signIn("enrol")).status == .ok)
            let trail = try await client.send(.get, "/api/audit", auth: try await client.signIn("auditor"))
            #expect(trail.body.contains("user.disable") && trail.body.contains("user.enable"))
        }
    }
}
