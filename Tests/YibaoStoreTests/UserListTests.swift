import Testing
import YibaoTestSupport
import YibaoCore
@testable import YibaoStore

/// The users list by pages: a region and those below it, by username, narrowed by a part of a name.
@Suite struct UserListTests {
    static func names(_ page: (users: [UserRecord], more: Bool)) -> [String] { page.users.map(\.username) }

    @Test(arguments: TestBackend.all)
    func pagesGoByUsernameWithinTheRegion(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let users = try await UserRepositoryTests.seed(db)
            let others: [(String, String, String)] = [
                ("a3", "350200", "收费员"), ("a1", "350200", "Ann"), ("a2", "350200", "审核 50%"), ("a4", "350200", "分析员"),
                ("c1", "350203", "思明区经办"), ("b1", "210500", "本溪登记员"),
            ]
            try await db.write { sql in
                for (code, name) in [("350203", "思明区"), ("210500", "本溪市")] {
                    try await RegionRepository(database: db).create(RegionRecord(admdvs: code, name: name), by: .commandLine(region: code), in: sql)
                }
                for (name, region, display) in others {
                    _ = try await users.create(UserRecord(id: 0, username: name, displayName: display, role: "analyst", region: region),
                                               passwordHash: nil, by: .commandLine(region: region), in: sql)
                }
            }
            let xiamen = try RegionCode.parse("350200")
            let first = try await users.list(within: xiamen, limit: 3)
            #expect(Self.names(first) == ["a1", "a2", "a3"] && first.more)
            let second = try await users.list(within: xiamen, after: "a3", limit: 3)
            #expect(Self.names(second) == ["a4", "c1", "clerk"] && !second.more)
            #expect(Self.names(try await users.list(within: xiamen, after: "clerk", limit: 3)).isEmpty)
            #expect(Self.names(try await users.list(within: try RegionCode.parse("350203"), limit: 10)) == ["c1"])
            #expect(Self.names(try await users.list(within: try RegionCode.parse("210500"), limit: 10)) == ["b1"])
            #expect(Self.names(try await users.list(within: try RegionCode.parse("350000"), limit: 10)).count == 6)

            // A part of a username in any case, or of a display name; wildcards are taken literally.
            #expect(Self.names(try await users.list(within: xiamen, matching: "A", limit: 10)) == ["a1", "a2", "a3", "a4"])
            #expect(Self.names(try await users.list(within: xiamen, matching: "登记", limit: 10)) == ["clerk"])
            #expect(Self.names(try await users.list(within: xiamen, matching: "50%", limit: 10)) == ["a2"])
            #expect(Self.names(try await users.list(within: xiamen, matching: "%", limit: 10)) == ["a2"])
            #expect(Self.names(try await users.list(within: xiamen, matching: "_", limit: 10)).isEmpty)
            #expect(Self.names(try await users.list(within: xiamen, matching: "  ", limit: 10)).count == 6)
        }
    }
}
