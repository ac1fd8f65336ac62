import SQLKit
import Testing
import YibaoTestSupport
import YibaoCore
@testable import YibaoStore

/// What a new user and a new token's label must be, and that a refusal writes nothing.
@Suite struct UserNameRulesTests {
    static let actor = AuditActor.commandLine(region: "350200")

    @Test(arguments: ["a", "clerk", "li.wei@xm", "his_2", "H35020000001", String(repeating: "x", count: 64)])
    func usernamesAccepted(_ name: String) throws {
        try NameRules.checkUsername(name)
    }

    @Test(arguments: ["", " clerk", "clerk ", "a b", "用户", "-x", ".x", "_x", "@x", "a/b", "a%2F", "a\u{0}", String(repeating: "x", count: 65)])
    func usernamesRefused(_ name: String) {
        #expect(throws: DomainError.self) { try NameRules.checkUsername(name) }
        #expect((try? NameRules.checkUsername(name)) == nil)
    }

    @Test(arguments: ["his", "第一医院 HIS 2026", "his-prod", String(repeating: "令", count: 64)])
    func tokenLabelsAccepted(_ label: String) throws {
        try NameRules.checkTokenLabel(label)
    }

    @Test(arguments: ["", " ", "\u{3000}", " his", "his ", "his\n", String(repeating: "x", count: 65)])
    func tokenLabelsRefused(_ label: String) {
        #expect { try NameRules.checkTokenLabel(label) } throws: { ($0 as? DomainError)?.code == "TOKEN_NAME_INVALID" && ($0 as? DomainError)?.path == "name" }
    }

    @Test(arguments: TestBackend.all)
    func refusedUsersAndTokensLeaveNothingWritten(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let users = try await UserRepositoryTests.seed(db)
            let before = try await Self.counts(db)
            func create(_ user: UserRecord) async throws {
                _ = try await db.write { sql in try await users.create(user, passwordHash: nil, by: Self.actor, in: sql) }
            }
            let attempts: [(UserRecord, String, String)] = [
                (UserRecord(id: 0, username: "li wei", displayName: "李伟", role: "enrolment_clerk", region: "350200"), "USERNAME_INVALID", "username"),
                (UserRecord(id: 0, username: "liwei", displayName: "李\u{7}伟", role: "enrolment_clerk", region: "350200"), "DISPLAY_NAME_INVALID",
                 "display_name"),
                (UserRecord(id: 0, username: "zhang", displayName: "张", role: "insured_person", region: "350200", personID: 4_242), "PERSON_UNKNOWN",
                 "psn_no"),
            ]
            for (user, code, path) in attempts {
                await #expect { try await create(user) } throws: { ($0 as? DomainError)?.code == code && ($0 as? DomainError)?.path == path }
            }
            await #expect { try await users.issueToken(username: "clerk", name: "  ", by: Self.actor) } throws: {
                ($0 as? DomainError)?.code == "TOKEN_NAME_INVALID"
            }
            #expect(try await Self.counts(db) == before)
        }
    }

    @Test(arguments: TestBackend.all)
    func aPersonsUserMustBeInThePersonsRegion(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let users = try await UserRepositoryTests.seed(db)
            let born = try LocalDate.parse("1980-05-01")
            let certno = try IdentityNumber.make(region: RegionCode.parse("350200"), birthDate: born, sequence: 8, sex: .female).value
            let person = try await db.write { sql in
                try await RegionRepository(database: db).create(RegionRecord(admdvs: "210500", name: "本溪市"), by: Self.actor, in: sql)
                return try await PersonRepository(database: db).create(
                    PersonRecord(admdvs: "350200", certno: certno, name: "王芳", sex: .female, birthDate: born, category: .employee,
                                 insutype: "310", enrolBegin: born), account: AccountBalances(), by: Self.actor, in: sql)
            }
            let elsewhere = UserRecord(id: 0, username: "wangfang", displayName: "王芳", role: "insured_person", region: "210500", personID: person.psnNo)
            await #expect { _ = try await db.write { sql in try await users.create(elsewhere, passwordHash: nil, by: Self.actor, in: sql) } } throws: {
                ($0 as? DomainError)?.code == "PERSON_UNKNOWN"
            }
            let home = UserRecord(id: 0, username: "wangfang", displayName: "王芳", role: "insured_person", region: "350200", personID: person.psnNo)
            let created = try await db.write { sql in try await users.create(home, passwordHash: nil, by: Self.actor, in: sql) }
            #expect(try await users.find(username: "wangfang")?.personID == created.personID)
        }
    }

    /// Users, tokens and audit entries: what a refusal must not have added to.
    static func counts(_ db: any Database) async throws -> [Int] {
        try await db.read { sql in
            var counts: [Int] = []
            for table in ["users", "api_tokens", "audit_log"] {
                counts.append(try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(column: "n", as: Int.self) ?? -1)
            }
            return counts
        }
    }
}
