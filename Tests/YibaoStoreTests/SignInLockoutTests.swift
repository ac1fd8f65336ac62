import SQLKit
import Testing
import YibaoTestSupport
import YibaoCore
@testable import YibaoStore

/// Wrong passwords in a row lock a user's sign-in; what ends the lock, and what the trail says.
@Suite struct SignInLockoutTests {
    static let actor = AuditActor.commandLine(region: "350200")
    static let right = "Correct-Horse-1"

    /// The seeded clerk under a rule of three attempts and ten minutes.
    static func users(_ db: any Database, attempts: Int = 3) async throws -> UserRepository {
        _ = try await UserRepositoryTests.seed(db)
        return UserRepository(database: db, bcryptCost: 4, lockout: LockoutRule(attempts: attempts, duration: .seconds(600)))
    }

    static func code(of attempt: () async throws -> UserRecord) async -> String? {
        do { _ = try await attempt(); return nil } catch { return (error as? DomainError)?.code }
    }

    static func actions(_ db: any Database) async throws -> [String] {
        try await db.read { sql in try await AuditTrail.recent(region: "350200", limit: 20, in: sql) }
            .filter { $0.target == "user:clerk" }.map(\.action)
    }

    @Test(arguments: TestBackend.all)
    func theThirdWrongPasswordLocksAndTheRightOneWaitsForTheLockToEnd(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let users = try await Self.users(db)
            let before = Clock.nowMillis()
            #expect(await Self.code { try await users.authenticate(username: "clerk", password: "wrong-1") } == "LOGIN_FAILED")
            #expect(try await users.find(username: "clerk")?.failedSignIns == 1)
            // A wrong current password on the password form counts as well.
            await #expect { try await users.changeOwnPassword(username: "clerk", current: "wrong-2", new: "Battery-Staple-2", by: Self.actor) }
                throws: { ($0 as? DomainError)?.code == "PASSWORD_WRONG" }
            let third = await Self.code { try await users.authenticate(username: "clerk", password: "wrong-3") }
            #expect(third == "USER_LOCKED")
            #expect(await Self.code { try await users.authenticate(username: "clerk", password: Self.right) } == "USER_LOCKED")

            let locked = try #require(try await users.find(username: "clerk"))
            let until = try #require(locked.lockedUntil)
            #expect(until >= before + 600_000 && until <= Clock.nowMillis() + 600_000)
            #expect(locked.failedSignIns == 0 && locked.isLocked(at: Clock.nowMillis()))
            #expect(try await Self.actions(db).filter { $0 == "user.lock" }.count == 1)

            // The lock's time passes: the right password signs in and the lock is gone.
            try await db.write { sql in
                try await sql.update("users").set("locked_until", to: Clock.nowMillis() - 1).where("username", .equal, "clerk").run()
            }
            #expect(try await users.authenticate(username: "clerk", password: Self.right).username == "clerk")
            let after = try #require(try await users.find(username: "clerk"))
            #expect(after.lockedUntil == nil && after.failedSignIns == 0)
        }
    }

    @Test(arguments: TestBackend.all)
    func aRightPasswordStartsTheCountAfresh(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let users = try await Self.users(db)
            for round in 1...2 {
                for _ in 1...2 {
                    #expect(await Self.code { try await users.authenticate(username: "clerk", password: "wrong") } == "LOGIN_FAILED")
                }
                #expect(try await users.find(username: "clerk")?.failedSignIns == 2, "round \(round)")
                _ = try await users.authenticate(username: "clerk", password: Self.right)
                #expect(try await users.find(username: "clerk")?.failedSignIns == 0)
            }
            #expect(try await Self.actions(db).contains("user.lock") == false)
        }
    }

    @Test(arguments: TestBackend.all)
    func anUnlockOrANewPasswordLiftsTheLock(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let users = try await Self.users(db)
            func lock() async {
                for _ in 1...3 { _ = await Self.code { try await users.authenticate(username: "clerk", password: "wrong") } }
            }
            #expect(try await !users.unlock(username: "clerk", by: Self.actor))
            await lock()
            #expect(try await users.unlock(username: "clerk", by: Self.actor))
            #expect(try await !users.unlock(username: "clerk", by: Self.actor))
            _ = try await users.authenticate(username: "clerk", password: Self.right)

            await lock()
            try await users.setPassword(username: "clerk", password: "Battery-Staple-2", changeRequired: true, by: Self.actor)
            #expect(try await users.authenticate(username: "clerk", password: "Battery-Staple-2").passwordChangeRequired)
            #expect(try await Self.actions(db).filter { ["user.lock", "user.unlock"].contains($0) } == ["user.lock", "user.unlock", "user.lock"])
            await #expect { try await users.unlock(username: "nobody", by: Self.actor) } throws: {
                ($0 as? DomainError)?.code == "USER_NOT_FOUND"
            }
        }
    }

    /// Guesses sent at once are each counted: the fifth of five concurrent ones locks, exactly once.
    @Test(arguments: TestBackend.all)
    func guessesSentAtOnceAreEachCounted(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let users = try await Self.users(db, attempts: 5)
            let codes = await withTaskGroup(of: String?.self) { group in
                for i in 1...5 { group.addTask { await Self.code { try await users.authenticate(username: "clerk", password: "wrong-\(i)") } } }
                return await group.reduce(into: [String?]()) { $0.append($1) }
            }
            #expect(codes.sorted { ($0 ?? "") < ($1 ?? "") } == ["LOGIN_FAILED", "LOGIN_FAILED", "LOGIN_FAILED", "LOGIN_FAILED", "USER_LOCKED"])
            #expect(try await users.find(username: "clerk")?.isLocked(at: Clock.nowMillis()) == true)
            #expect(try await Self.actions(db).filter { $0 == "user.lock" }.count == 1)
        }
    }

    @Test(arguments: TestBackend.all)
    func zeroAttemptsNeverLocks(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let users = try await Self.users(db, attempts: 0)
            for _ in 1...8 {
                #expect(await Self.code { try await users.authenticate(username: "clerk", password: "wrong") } == "LOGIN_FAILED")
            }
            #expect(try await users.authenticate(username: "clerk", password: Self.right).lockedUntil == nil)
        }
    }
}
