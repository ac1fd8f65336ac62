import SQLKit
import Testing
import YibaoTestSupport
import YibaoCore
@testable import YibaoStore

/// A password older than the deployment's maximum age must be changed first; a new one starts the
/// clock again; zero days never expires one.
@Suite struct PasswordAgeTests {
    static let day: Int64 = 86_400_000

    /// Sets when the user's password was last set, `ago` milliseconds before now.
    static func setAgo(_ username: String, _ ago: Int64, _ db: any Database) async throws {
        try await db.write { sql in
            try await sql.update("users").set("password_changed_at", to: Clock.nowMillis() - ago)
                .where("username", .equal, username).run()
        }
    }

    @Test func wholeDaysCountFromTheChange() {
        let rules = PasswordRules(minimumLength: 8, minimumClasses: 3, maximumAgeDays: 90)
        let set: Int64 = 1_780_000_000_000
        #expect(!rules.isExpired(changedAt: set, at: set + 90 * Self.day - 1))
        #expect(rules.isExpired(changedAt: set, at: set + 90 * Self.day))
        #expect(!PasswordRules(minimumLength: 8, minimumClasses: 3, maximumAgeDays: 0).isExpired(changedAt: 0, at: set))
        #expect(PasswordRules.standard.maximumAgeDays == 90)
    }

    @Test(arguments: TestBackend.all)
    func anOldPasswordMustBeChangedAndANewOneStartsAgain(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            _ = try await UserRepositoryTests.seed(db)
            let users = UserRepository(database: db, bcryptCost: 4,
                                       passwordRules: PasswordRules(minimumLength: 8, minimumClasses: 3, maximumAgeDays: 30))
            let fresh = try await users.authenticate(username: "clerk", password: "Correct-Horse-1")
            #expect(Clock.nowMillis() - fresh.passwordChangedAt < 60_000, "set when the user was created")
            #expect(users.passwordChange(for: fresh) == nil)

            try await Self.setAgo("clerk", 30 * Self.day + 1_000, db)
            let old = try await users.authenticate(username: "clerk", password: "Correct-Horse-1")
            #expect(users.passwordChange(for: old) == .expired)
            // A session opened before the limit is held to it when it is next used.
            let session = try await users.startSession(for: old)
            let seen = try #require(try await users.user(forSession: session))
            #expect(users.passwordChange(for: seen) == .expired)

            let actor = AuditActor(name: "clerk", role: "enrolment_clerk", region: "350200")
            await #expect(throws: DomainError.self) {
                try await users.changeOwnPassword(username: "clerk", current: "Correct-Horse-1", new: "Correct-Horse-1", by: actor)
            }
            try await users.changeOwnPassword(username: "clerk", current: "Correct-Horse-1", new: "Battery-Staple-2", by: actor)
            let renewed = try await users.authenticate(username: "clerk", password: "Battery-Staple-2")
            #expect(users.passwordChange(for: renewed) == nil)
            #expect(renewed.passwordChangedAt > old.passwordChangedAt + 30 * Self.day)

            // An administrator's reset is asked for as such, whatever the age.
            try await users.setPassword(username: "clerk", password: "Reset-By-Admin-3", changeRequired: true,
                                        by: .commandLine(region: "350200"))
            let reset = try await users.authenticate(username: "clerk", password: "Reset-By-Admin-3")
            #expect(users.passwordChange(for: reset) == .setByAdministrator)

            // Zero days: the same old password is never asked for.
            try await Self.setAgo("clerk", 3_000 * Self.day, db)
            let never = UserRepository(database: db, bcryptCost: 4,
                                       passwordRules: PasswordRules(minimumLength: 8, minimumClasses: 3, maximumAgeDays: 0))
            var aged = try await never.authenticate(username: "clerk", password: "Reset-By-Admin-3")
            aged.passwordChangeRequired = false
            #expect(never.passwordChange(for: aged) == nil)
        }
    }
}
