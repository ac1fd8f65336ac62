import SQLKit
import Testing
import YibaoTestSupport
import YibaoCore
@testable import YibaoStore

/// Console sessions end when left alone; a request keeps one alive, writing at most once a minute;
/// sign-ins, right and wrong, and sign-outs are on the audit trail.
@Suite struct SessionIdleTests {
    static func users(_ db: any Database, idle: Duration) async throws -> UserRepository {
        _ = try await UserRepositoryTests.seed(db)
        return UserRepository(database: db, bcryptCost: 4, sessionIdle: idle)
    }

    /// Sets when the session was last seen, `ago` milliseconds before now.
    static func seen(_ token: String, ago: Int64, _ db: any Database) async throws {
        try await db.write { sql in
            try await sql.update("sessions").set("last_seen_at", to: Clock.nowMillis() - ago)
                .where("token_sha256", .equal, SecretToken.digest(token)).run()
        }
    }

    static func lastSeen(_ token: String, _ db: any Database) async throws -> Int64 {
        try await db.read { sql in
            try #require(try await sql.select().column("last_seen_at").from("sessions")
                .where("token_sha256", .equal, SecretToken.digest(token)).first()).decode(column: "last_seen_at", as: Int64.self)
        }
    }

    @Test(arguments: TestBackend.all)
    func aSessionLeftAloneEndsAndAUsedOneLives(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let users = try await Self.users(db, idle: .seconds(600))
            let clerk = try await users.authenticate(username: "clerk", password: "Correct-Horse-1")

            let idle = try await users.startSession(for: clerk)
            try await Self.seen(idle, ago: 601_000, db)
            #expect(try await users.user(forSession: idle) == nil)

            // Seen five minutes ago: still alive, and now seen again.
            let used = try await users.startSession(for: clerk)
            try await Self.seen(used, ago: 300_000, db)
            let before = Clock.nowMillis()
            #expect(try await users.user(forSession: used)?.username == "clerk")
            #expect(try await Self.lastSeen(used, db) >= before)

            // Seen ten seconds ago: alive, and not written again.
            try await Self.seen(used, ago: 10_000, db)
            let noted = try await Self.lastSeen(used, db)
            #expect(try await users.user(forSession: used)?.username == "clerk")
            #expect(try await Self.lastSeen(used, db) == noted)
        }
    }

    @Test(arguments: TestBackend.all)
    func withoutAnIdleLimitOnlyTheLifetimeCounts(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let users = try await Self.users(db, idle: .zero)
            let clerk = try await users.authenticate(username: "clerk", password: "Correct-Horse-1")
            let session = try await users.startSession(for: clerk)
            try await Self.seen(session, ago: 7 * 3_600_000, db)
            #expect(try await users.user(forSession: session)?.username == "clerk")
            try await db.write { sql in
                try await sql.update("sessions").set("expires_at", to: Clock.nowMillis() - 1).run()
            }
            #expect(try await users.user(forSession: session) == nil)
        }
    }

    @Test(arguments: TestBackend.all)
    func signInsRightAndWrongAreOnTheTrail(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let users = try await Self.users(db, idle: .seconds(600))
            await #expect(throws: DomainError.self) { try await users.authenticate(username: "clerk", password: "wrong") }
            let session = try await users.startSession(for: try await users.authenticate(username: "clerk", password: "Correct-Horse-1"))
            try await users.endSession(session)
            try await users.endSession(session)  // already ended: nothing more on the trail
            let trail = try await db.read { sql in try await AuditTrail.recent(region: "350200", limit: 10, in: sql) }
                .filter { $0.target == "user:clerk" }
            #expect(trail.prefix(3).map(\.action) == ["user.signout", "user.signin", "user.signin_failed"])
            #expect(trail.prefix(3).allSatisfy { $0.actor == "clerk" })
            #expect(trail[2].after == "wrong password, 1 in a row")
        }
    }
}
