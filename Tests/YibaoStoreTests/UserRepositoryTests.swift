import SQLKit
import Synchronization
import Testing
import YibaoTestSupport
import YibaoCore
@testable import YibaoStore

@Suite struct UserRepositoryTests {
    static func seed(_ db: any Database) async throws -> UserRepository {
        let users = UserRepository(database: db, bcryptCost: 4)
        let hash = try await users.hashPassword("Correct-Horse-1", of: "clerk")
        try await db.write { sql in
            try await RegionRepository(database: db).create(RegionRecord(admdvs: "350200", name: "厦门市"), by: .commandLine(region: "350200"), in: sql)
            _ = try await users.create(UserRecord(id: 0, username: "clerk", displayName: "登记员", role: "enrolment_clerk", region: "350200"),
                                       passwordHash: hash, by: .commandLine(region: "350200"), in: sql)
        }
        return users
    }

    @Test(arguments: TestBackend.all)
    func passwordsAreCheckedWithBcrypt(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let users = try await Self.seed(db)
            #expect(try await users.authenticate(username: "clerk", password: "Correct-Horse-1").role == "enrolment_clerk")
            for (name, password) in [("clerk", "wrong horse"), ("nobody", "Correct-Horse-1")] {
                do {
                    _ = try await users.authenticate(username: name, password: password)
                    Issue.record("\(name) signed in with a wrong password")
                } catch let error as DomainError {
                    // The same answer whether the user exists or not.
                    #expect(error.code == "LOGIN_FAILED")
                    #expect(error.kind == .unauthorized)
                }
            }
            let stored = try await db.read { sql in try await sql.raw("SELECT password_hash FROM users").first() }
            let hash = try #require(try stored?.decode(column: "password_hash", as: String.self))
            #expect(hash.hasPrefix("$2"))
            #expect(!hash.contains("Correct-Horse-1"))
        }
    }

    @Test(arguments: TestBackend.all)
    func tokensWorkUntilTheUserIsDisabledAndAreStoredHashed(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let users = try await Self.seed(db)
            let token = try await users.issueToken(username: "clerk", name: "script", by: .commandLine(region: "350200"))
            #expect(token.hasPrefix("ybt_"))
            #expect(try await users.user(forToken: token)?.username == "clerk")
            #expect(try await users.user(forToken: token + "x") == nil)
            let stored = try await db.read { sql in try await sql.raw("SELECT token_sha256 FROM api_tokens").first() }
            #expect(try stored?.decode(column: "token_sha256", as: String.self) == SecretToken.digest(token))
            try await db.write { sql in try await sql.raw("UPDATE users SET active = 0").run() }
            #expect(try await users.user(forToken: token) == nil)
        }
    }

    @Test(arguments: TestBackend.all)
    func aKeptTokenIsRefusedOnceItsLifetimeHasPassed(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            _ = try await Self.seed(db)
            // The test's own clock: a loaded CI machine may take longer than the lifetime between calls.
            let clock = SteppedClock()
            let users = UserRepository(database: db, bcryptCost: 4, keepTokensFor: .seconds(2), now: { clock.now() })
            // Unknown tokens are not kept: one issued after a failed look-up works at once.
            let issued = "ybt_" + String(repeating: "0", count: 64)
            #expect(try await users.user(forToken: issued) == nil)
            try await db.write { sql in
                try await sql.raw("""
                    INSERT INTO api_tokens (id, token_sha256, user_id, name, created_at)
                    SELECT 1, \(bind: SecretToken.digest(issued)), id, 'late', 0 FROM users
                    """).run()
            }
            #expect(try await users.user(forToken: issued)?.username == "clerk")
            // Revoked in the database: still the kept user within the lifetime, refused after it.
            try await db.write { sql in try await sql.raw("UPDATE api_tokens SET revoked_at = 1").run() }
            clock.advance(to: .milliseconds(1_999))
            #expect(try await users.user(forToken: issued)?.username == "clerk")
            clock.advance(to: .seconds(2))
            #expect(try await users.user(forToken: issued) == nil)
            // A repository that keeps nothing sees it at once.
            #expect(try await UserRepository(database: db, bcryptCost: 4).user(forToken: issued) == nil)
        }
    }

    @Test(arguments: TestBackend.all)
    func changingThePasswordEndsSessions(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let users = try await Self.seed(db)
            let user = try await users.authenticate(username: "clerk", password: "Correct-Horse-1")
            let session = try await users.startSession(for: user)
            #expect(try await users.user(forSession: session)?.username == "clerk")
            try await users.setPassword(username: "clerk", password: "Battery-Staple-2", by: .commandLine(region: "350200"))
            #expect(try await users.user(forSession: session) == nil)
            #expect(try await users.authenticate(username: "clerk", password: "Battery-Staple-2").username == "clerk")
            await #expect(throws: DomainError.self) {
                try await users.setPassword(username: "clerk", password: "short", by: .commandLine(region: "350200"))
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func aDuplicateUsernameIsRefused(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let users = try await Self.seed(db)
            do {
                try await db.write { sql in
                    _ = try await users.create(UserRecord(id: 0, username: "clerk", displayName: "", role: "auditor", region: "350200"),
                                               passwordHash: nil, by: .commandLine(region: "350200"), in: sql)
                }
                Issue.record("duplicate username accepted")
            } catch let error as DomainError {
                #expect(error.code == "USER_EXISTS")
                #expect(error.kind == .conflict)
            }
        }
    }
}

/// A clock that moves only when the test says, reading a fixed start plus the time set so far.
private final class SteppedClock: Sendable {
    private let start = ContinuousClock.now
    private let elapsed = Mutex(Duration.zero)

    func advance(to time: Duration) { elapsed.withLock { $0 = time } }

    func now() -> ContinuousClock.Instant { start + elapsed.withLock { $0 } }
}
