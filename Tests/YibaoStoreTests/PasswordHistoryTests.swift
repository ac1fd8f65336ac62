import SQLKit
import Testing
import YibaoTestSupport
import YibaoCore
@testable import YibaoStore

/// A user's own change cannot go back to one of their last passwords; an administrator's reset is not
/// held to them; the history keeps at most `PasswordHistory.kept` per user.
@Suite struct PasswordHistoryTests {
    static let actor = AuditActor(name: "clerk", role: "enrolment_clerk", region: "350200")

    static func rules(history: Int) -> PasswordRules {
        PasswordRules(minimumLength: 8, minimumClasses: 3, maximumAgeDays: 0, historyCount: history)
    }

    static func code(_ body: () async throws -> Void) async -> String? {
        do { try await body(); return nil } catch let error as DomainError { return error.code } catch { return "\(error)" }
    }

    @Test(arguments: TestBackend.all)
    func theLastFewCannotComeBack(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            _ = try await UserRepositoryTests.seed(db)
            let users = UserRepository(database: db, bcryptCost: 4, passwordRules: Self.rules(history: 3))
            // Correct-Horse-1 → Pass-Two-2 → Pass-Three-3: the last three are those.
            try await users.changeOwnPassword(username: "clerk", current: "Correct-Horse-1", new: "Pass-Two-2", by: Self.actor)
            try await users.changeOwnPassword(username: "clerk", current: "Pass-Two-2", new: "Pass-Three-3", by: Self.actor)
            for reused in ["Pass-Three-3", "Pass-Two-2", "Correct-Horse-1"] {
                #expect(await Self.code { try await users.changeOwnPassword(username: "clerk", current: "Pass-Three-3", new: reused,
                                                                            by: Self.actor) } == "PASSWORD_REUSED", "\(reused)")
            }
            // The rules' own refusals come first, before any bcrypt comparison.
            #expect(await Self.code { try await users.changeOwnPassword(username: "clerk", current: "Pass-Three-3", new: "short",
                                                                        by: Self.actor) } == "PASSWORD_TOO_SHORT")
            // A fourth one back is allowed again, once three newer ones stand in front of it.
            try await users.changeOwnPassword(username: "clerk", current: "Pass-Three-3", new: "Pass-Four-4", by: Self.actor)
            try await users.changeOwnPassword(username: "clerk", current: "Pass-Four-4", new: "Correct-Horse-1", by: Self.actor)
            _ = try await users.authenticate(username: "clerk", password: "Correct-Horse-1")

            // An administrator may set any; the user's own next change is held to the history again.
            try await users.setPassword(username: "clerk", password: "Pass-Four-4", changeRequired: true, by: .commandLine(region: "350200"))
            #expect(await Self.code { try await users.changeOwnPassword(username: "clerk", current: "Pass-Four-4", new: "Correct-Horse-1",
                                                                        by: Self.actor) } == "PASSWORD_REUSED")
            // With the check off, only the administrator's own password must really be replaced.
            let unchecked = UserRepository(database: db, bcryptCost: 4, passwordRules: Self.rules(history: 0))
            try await unchecked.changeOwnPassword(username: "clerk", current: "Pass-Four-4", new: "Correct-Horse-1", by: Self.actor)
        }
    }

    @Test(arguments: TestBackend.all)
    func atMostTheKeptNumberStay(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            _ = try await UserRepositoryTests.seed(db)
            let users = UserRepository(database: db, bcryptCost: 4, passwordRules: Self.rules(history: 0))
            func currentHash() async throws -> String {
                try await db.read { sql in
                    try #require(try await sql.select().column("password_hash").from("users").where("username", .equal, "clerk")
                        .first(decodingColumn: "password_hash", as: String.self))
                }
            }
            var replaced: [String] = []
            for n in 1...(PasswordHistory.kept + 3) {
                replaced.append(try await currentHash())
                try await users.setPassword(username: "clerk", password: "Rotated-Pass-\(n)", by: .commandLine(region: "350200"))
            }
            let kept = try await db.read { sql in
                try await sql.select().column("password_hash").from("password_history").orderBy("id", .descending)
                    .all(decodingColumn: "password_hash", as: String.self)
            }
            // The newest ones, newest first; the three oldest went.
            #expect(kept == Array(replaced.suffix(PasswordHistory.kept).reversed()))
        }
    }
}
