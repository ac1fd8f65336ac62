import Testing
import YibaoTestSupport
import YibaoCore
@testable import YibaoStore

/// What a new password must be: length, kinds of character, not the username.
@Suite struct PasswordRulesTests {
    static func code(_ rules: PasswordRules, _ password: String, username: String? = "wang.fang") -> String? {
        do { try rules.check(password, username: username); return nil } catch { return error.code }
    }

    @Test(arguments: [
        ("Xiamen-2026", nil), ("Correct-Horse-1", nil), ("DemoDemo2025", nil), ("abc DEF 123", nil),
        ("医保经办Abc1", nil),                    // Chinese characters are "other"
        ("Ab1-", "PASSWORD_TOO_SHORT"), ("Ab1-xyz", "PASSWORD_TOO_SHORT"),
        ("abcdefgh", "PASSWORD_TOO_SIMPLE"), ("abcdefg1", "PASSWORD_TOO_SIMPLE"), ("ABCDEFGH-", "PASSWORD_TOO_SIMPLE"),
        ("12345678", "PASSWORD_TOO_SIMPLE"), ("医保经办医保经办", "PASSWORD_TOO_SIMPLE"),
        (String(repeating: "Ab1-", count: 19), "PASSWORD_TOO_LONG"),
        ("My-WANG.fang-1", "PASSWORD_HAS_USERNAME"),
    ] as [(String, String?)])
    func theStandardRules(password: String, expected: String?) {
        #expect(Self.code(.standard, password) == expected, "\(password)")
    }

    @Test func theDeploymentChoosesTheFigures() {
        let strict = PasswordRules(minimumLength: 12, minimumClasses: 4)
        #expect(Self.code(strict, "Xiamen-2026") == "PASSWORD_TOO_SHORT")
        #expect(Self.code(strict, "Xiamen2026Ab") == "PASSWORD_TOO_SIMPLE")
        #expect(Self.code(strict, "Xiamen-2026!") == nil)
        let lenient = PasswordRules(minimumLength: 8, minimumClasses: 1)
        #expect(Self.code(lenient, "correcthorse") == nil)
        // The summary a form shows names the figures.
        #expect(strict.summary.zh.contains("12") && strict.summary.zh.contains("4 类"))
        #expect(strict.summary.en.contains("12 characters"))
    }

    @Test func withoutAUsernameOnlyTheCharactersCount() {
        #expect(Self.code(.standard, "Wang.fang-2026", username: nil) == nil)
        #expect(Self.code(.standard, "Wang.fang-2026") == "PASSWORD_HAS_USERNAME")
        // A name of one or two characters is too short to be looked for.
        #expect(Self.code(.standard, "Wang.fang-2026", username: "an") == nil)
        #expect(Self.code(.standard, "Wang.fang-2026", username: "ang") == "PASSWORD_HAS_USERNAME")
    }

    /// A refused password is never stored: the old one still signs in.
    @Test(arguments: TestBackend.all)
    func aRefusedPasswordChangesNothing(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let users = try await UserRepositoryTests.seed(db)
            for weak in ["alllowercase", "Clerk-2026-x"] {
                await #expect { try await users.setPassword(username: "clerk", password: weak, by: .commandLine(region: "350200")) }
                    throws: { ($0 as? DomainError)?.path == "password" }
            }
            #expect(try await users.authenticate(username: "clerk", password: "Correct-Horse-1").username == "clerk")
        }
    }
}
