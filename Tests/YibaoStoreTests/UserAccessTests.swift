import Testing
import YibaoTestSupport
import YibaoCore
@testable import YibaoStore

/// Disabling users and revoking tokens: what stops working, what works again, what the trail says.
@Suite struct UserAccessTests {
    static let actor = AuditActor.commandLine(region: "350200")

    @Test(arguments: TestBackend.all)
    func disablingEndsSessionsAndRefusesTokensUntilEnabled(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let users = try await UserRepositoryTests.seed(db)
            let token = try await users.issueToken(username: "clerk", name: "script", by: Self.actor)
            let clerk = try await users.authenticate(username: "clerk", password: "Correct-Horse-1")
            let session = try await users.startSession(for: clerk)

            #expect(try await users.setActive(false, username: "clerk", by: Self.actor))
            #expect(try await users.user(forToken: token) == nil)
            #expect(try await users.user(forSession: session) == nil)
            await #expect { try await users.authenticate(username: "clerk", password: "Correct-Horse-1") } throws: {
                ($0 as? DomainError)?.code == "USER_DISABLED"
            }
            // Again: nothing to change, nothing written.
            #expect(try await !users.setActive(false, username: "clerk", by: Self.actor))

            #expect(try await users.setActive(true, username: "clerk", by: Self.actor))
            #expect(try await users.user(forToken: token)?.username == "clerk")
            // The session ended with the disabling stays ended.
            #expect(try await users.user(forSession: session) == nil)
            #expect(try await users.find(username: "clerk")?.active == true)

            let trail = try await db.read { sql in try await AuditTrail.recent(region: "350200", limit: 10, in: sql) }
            #expect(trail.filter { $0.target == "user:clerk" }.map(\.action).prefix(2) == ["user.enable", "user.disable"])
            await #expect { try await users.setActive(false, username: "nobody", by: Self.actor) } throws: {
                ($0 as? DomainError)?.code == "USER_NOT_FOUND"
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func revokingByNameLeavesTheOtherTokens(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let users = try await UserRepositoryTests.seed(db)
            let first = try await users.issueToken(username: "clerk", name: "his-old", by: Self.actor)
            let second = try await users.issueToken(username: "clerk", name: "his-new", by: Self.actor)

            #expect(try await users.revokeTokens(of: "clerk", named: "his-old", by: Self.actor) == 1)
            #expect(try await users.user(forToken: first) == nil)
            #expect(try await users.user(forToken: second)?.username == "clerk")
            let listed = try await users.tokens(of: "clerk")
            #expect(listed.map(\.name) == ["his-old", "his-new"])
            #expect(listed[0].revokedAt != nil && listed[1].revokedAt == nil)

            // A name with no live token is an error, not a revocation done.
            await #expect { try await users.revokeTokens(of: "clerk", named: "his-old", by: Self.actor) } throws: {
                ($0 as? DomainError)?.code == "TOKEN_NOT_FOUND" && ($0 as? DomainError)?.path == "name"
            }
            #expect(try await users.revokeTokens(of: "clerk", named: nil, by: Self.actor) == 1)
            #expect(try await users.user(forToken: second) == nil)
            await #expect { try await users.revokeTokens(of: "clerk", named: nil, by: Self.actor) } throws: {
                ($0 as? DomainError)?.code == "TOKEN_NOT_FOUND"
            }
            let trail = try await db.read { sql in try await AuditTrail.recent(region: "350200", limit: 10, in: sql) }
            #expect(trail.filter { $0.action == "token.revoke" }.map(\.after) == ["1 token(s)", "1 token(s) named his-old"])
        }
    }

    /// The server's repository keeps tokens for a while; its own revocations and disablings take
    /// effect at once all the same.
    @Test(arguments: TestBackend.all)
    func aChangeMadeHereIsNotHiddenByKeptTokens(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            _ = try await UserRepositoryTests.seed(db)
            let users = UserRepository(database: db, bcryptCost: 4, keepTokensFor: .seconds(3_600))
            let token = try await users.issueToken(username: "clerk", name: "his", by: Self.actor)
            #expect(try await users.user(forToken: token)?.username == "clerk")
            #expect(try await users.setActive(false, username: "clerk", by: Self.actor))
            #expect(try await users.user(forToken: token) == nil)
            #expect(try await users.setActive(true, username: "clerk", by: Self.actor))
            #expect(try await users.user(forToken: token)?.username == "clerk")
            #expect(try await users.revokeTokens(of: "clerk", named: "his", by: Self.actor) == 1)
            #expect(try await users.user(forToken: token) == nil)
        }
    }

    @Test(arguments: TestBackend.all)
    func ownPasswordChangesOnlyWithTheCurrentOneAndEndsSessions(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let users = try await UserRepositoryTests.seed(db)
            let clerk = try await users.authenticate(username: "clerk", password: "Correct-Horse-1")
            let session = try await users.startSession(for: clerk)
            await #expect { try await users.changeOwnPassword(username: "clerk", current: "wrong horse", new: "Battery-Staple-2", by: Self.actor) }
                throws: { ($0 as? DomainError)?.code == "PASSWORD_WRONG" && ($0 as? DomainError)?.path == "current_password" }
            await #expect { try await users.changeOwnPassword(username: "clerk", current: "Correct-Horse-1", new: "short", by: Self.actor) }
                throws: { ($0 as? DomainError)?.code == "PASSWORD_TOO_SHORT" }
            #expect(try await users.user(forSession: session)?.username == "clerk")
            _ = try await users.authenticate(username: "clerk", password: "Correct-Horse-1")

            try await users.changeOwnPassword(username: "clerk", current: "Correct-Horse-1", new: "Battery-Staple-2", by: Self.actor)
            #expect(try await users.user(forSession: session) == nil)
            _ = try await users.authenticate(username: "clerk", password: "Battery-Staple-2")
            await #expect { try await users.authenticate(username: "clerk", password: "Correct-Horse-1") } throws: {
                ($0 as? DomainError)?.code == "LOGIN_FAILED"
            }
            let trail = try await db.read { sql in try await AuditTrail.recent(region: "350200", limit: 10, in: sql) }
            #expect(trail.filter { $0.action == "user.passwd" }.map(\.target) == ["user:clerk"])
        }
    }
}
