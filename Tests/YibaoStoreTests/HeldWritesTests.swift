import SQLKit
import Testing
import YibaoTestSupport
@testable import YibaoStore

/// `runDeferred`: on PostgreSQL a write transaction holds such writes and sends them with its next
/// statement as one (`StaticSQL.combining`); SQLite runs them at once. Either way the transaction
/// commits all of its writes or none.
@Suite struct HeldWritesTests {
    static let createProbe = "CREATE TABLE held_probe (id BIGINT PRIMARY KEY, note TEXT NOT NULL, hits BIGINT NOT NULL DEFAULT 0)"
    static let insert = StaticSQL("INSERT INTO held_probe (id, note) VALUES ($1, $2)")
    static let hit = StaticSQL("UPDATE held_probe SET hits = hits + 1 WHERE id = $1")
    static let insertReturning = StaticSQL("INSERT INTO held_probe (id, note) VALUES ($1, $2) RETURNING id")
    static let rows = StaticSQL("SELECT id, note, hits FROM held_probe ORDER BY id")

    static func contents(_ db: any Database) async throws -> [String] {
        try await db.read { sql in
            try await sql.rows(rows).map {
                "\(try $0.decode(column: "id", as: Int64.self)):\(try $0.decode(column: "note", as: String.self)):\(try $0.decode(column: "hits", as: Int64.self))"
            }
        }
    }

    @Test func heldWritesAndTheNextStatementBecomeOne() throws {
        let held = [Self.insert.bind([1, "一"]), Self.hit.bind([1])]
        let combined = try #require(StaticSQL.combining(held, then: Self.insertReturning.bind([2, "二"])))
        #expect(combined.statement.postgres == """
            WITH yb_held0 AS (INSERT INTO held_probe (id, note) VALUES ($1, $2)), yb_held1 AS (UPDATE held_probe SET hits = hits + 1 \
            WHERE id = $3) INSERT INTO held_probe (id, note) VALUES ($4, $5) RETURNING id
            """)
        #expect(combined.values.count == 5)
        #expect(combined.statement.preparable)
        // A multi-row insert's VALUES text is not prepared, and nor is a statement that holds one; its
        // column arrays are one text whatever the row count, prepared with what holds them.
        let rows = StaticSQL.insert(into: "held_probe", columns: ["id", "note"], rows: 2).bind([3, "三", 4, "四"])
        #expect(StaticSQL.combining([rows], then: Self.hit.bind([3]))?.statement.preparable == false)
        let arrays = try #require(StaticSQL.combining([rows.inColumnArrays], then: Self.hit.bind([3])))
        #expect(arrays.statement.postgres == """
            WITH yb_held0 AS (INSERT INTO held_probe (id, note) SELECT * FROM unnest($1, $2)) \
            UPDATE held_probe SET hits = hits + 1 WHERE id = $3
            """)
        #expect(arrays.statement.preparable)
        #expect(arrays.values.count == 3)
        // COMMIT and its like cannot take a WITH: the held writes then go out on their own.
        #expect(StaticSQL.combining(held, then: StaticSQL("COMMIT").bind([])) == nil)
    }

    @Test func placeholdersMoveUpPastTheValuesBefore() {
        #expect(StaticSQL.renumbered("VALUES ($1, $2, $10) WHERE x = $9", by: 3) == "VALUES ($4, $5, $13) WHERE x = $12")
        #expect(StaticSQL.renumbered("'a:b' || $1", by: 0) == "'a:b' || $1")
    }

    /// A held statement's own WITH items join the combined list ahead of it, quoted text and all.
    @Test func aHeldStatementsOwnWithListIsJoined() throws {
        let linked = StaticSQL("""
            WITH head AS (UPDATE heads SET n = n + 1 WHERE k = $1 RETURNING n, ')' AS q), other AS (SELECT 1 AS one)
            INSERT INTO log (k, n) SELECT $1, n FROM head
            """)
        let combined = try #require(StaticSQL.combining([Self.hit.bind([7]), linked.bind(["a"])], then: Self.hit.bind([8])))
        #expect(combined.statement.postgres == """
            WITH yb_held0 AS (UPDATE held_probe SET hits = hits + 1 WHERE id = $1), \
            head AS (UPDATE heads SET n = n + 1 WHERE k = $2 RETURNING n, ')' AS q), other AS (SELECT 1 AS one), \
            yb_held1 AS (INSERT INTO log (k, n) SELECT $2, n FROM head) UPDATE held_probe SET hits = hits + 1 WHERE id = $3
            """)
    }

    /// Held writes commit with the statement they went out with. On PostgreSQL the body's four writes
    /// reach the connection as one statement (the counter sees what is sent), the last with COMMIT.
    @Test(arguments: TestBackend.all)
    func heldWritesCommitWithTheTransaction(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await db.write { sql in try await sql.raw(SQLQueryString(Self.createProbe)).run() }
            let sent = try await db.write { sql in
                let counting = SettlementStatementCountTests.CountingSQL(sql)
                try await counting.runDeferred(Self.insert, 1, "一")
                try await counting.runDeferred(.insert(into: "held_probe", columns: ["id", "note"], rows: 2), values: [2, "二", 3, "三"])
                let returned = try await counting.first(Self.insertReturning, 4, "四")?.decode(column: "id", as: Int64.self)
                #expect(returned == 4)
                try await counting.runDeferred(Self.hit, 4)
                return counting.tally.count
            }
            #expect(sent == (backend == .postgres ? 1 : 4))
            #expect(try await Self.contents(db) == ["1:一:0", "2:二:0", "3:三:0", "4:四:1"])
        }
    }

    /// One statement held twice goes out as two statements: PostgreSQL would apply only one of two
    /// updates of a row made by one statement.
    @Test(arguments: TestBackend.all)
    func theSameStatementHeldTwiceAppliesTwice(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await db.write { sql in
                try await sql.raw(SQLQueryString(Self.createProbe)).run()
                try await sql.run(Self.insert, 1, "一")
            }
            try await db.write { sql in
                for _ in 0..<3 { try await sql.runDeferred(Self.hit, 1) }
            }
            #expect(try await Self.contents(db) == ["1:一:3"])
        }
    }

    /// A body that fails after holding writes leaves nothing, and its connection goes back clean: the
    /// held writes are dropped rather than sent ahead of the ROLLBACK (one pooled connection, reused).
    @Test(arguments: TestBackend.all)
    func aFailedBodyDropsWhatItHeld(backend: TestBackend) async throws {
        struct Refused: Error {}
        try await backend.withDatabase(poolMaxConnections: 1) { db in
            try await db.write { sql in try await sql.raw(SQLQueryString(Self.createProbe)).run() }
            await #expect(throws: Refused.self) {
                try await db.write { sql in
                    try await sql.runDeferred(Self.insert, 1, "一")
                    throw Refused()
                }
            }
            try await db.write { sql in try await sql.runDeferred(Self.insert, 2, "二") }
            #expect(try await Self.contents(db) == ["2:二:0"])
        }
    }

    /// A held write that fails fails the transaction when it goes out (here with COMMIT), and takes the
    /// writes sent with it and before it along.
    @Test(arguments: TestBackend.all)
    func aHeldWriteThatFailsUndoesTheTransaction(backend: TestBackend) async throws {
        try await backend.withDatabase(poolMaxConnections: 1) { db in
            try await db.write { sql in
                try await sql.raw(SQLQueryString(Self.createProbe)).run()
                try await sql.run(Self.insert, 1, "一")
            }
            await #expect(throws: (any Error).self) {
                try await db.write { sql in
                    try await sql.run(Self.hit, 1)
                    try await sql.runDeferred(Self.insert, 2, "二")
                    try await sql.runDeferred(.insert(into: "held_probe", columns: ["id", "note"], rows: 1), values: [1, "重复"])
                }
            }
            #expect(try await Self.contents(db) == ["1:一:0"])
        }
    }
}
