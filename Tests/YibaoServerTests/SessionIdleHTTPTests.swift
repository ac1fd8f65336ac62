import SQLKit
import Testing
import YibaoStore
import YibaoTestSupport

/// A console session left alone for the idle time (30 minutes) is signed out, on the API and the pages.
@Suite struct SessionIdleHTTPTests {
    @Test(arguments: TestBackend.all)
    func aSessionLeftAloneForHalfAnHourIsSignedOut(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let left = try await client.signIn("analyst")
            let busy = try await client.signIn("analyst")
            try await client.database.write { sql in
                try await sql.update("sessions").set("last_seen_at", to: Clock.nowMillis() - 31 * 60_000).run()
            }
            let token = try #require(busy.split(separator: "=").last.map(String.init))
            try await client.database.write { sql in
                try await sql.update("sessions").set("last_seen_at", to: Clock.nowMillis() - 29 * 60_000)
                    .where("token_sha256", .equal, SecretToken.digest(token)).run()
            }
            #expect(try await client.send(.get, "/api/me", auth: left).status == .unauthorized)
            let page = try await client.send(.get, "/dashboard", auth: left)
            #expect(page.status == .seeOther && page.headers[.location] == "/signin")
            #expect(try await client.send(.get, "/api/me", auth: busy).status == .ok)
            #expect(try await client.send(.get, "/dashboard", auth: busy).status == .ok)
        }
    }
}
