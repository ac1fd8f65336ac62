import SQLKit
import Testing
import YibaoTestSupport
@testable import YibaoStore

/// On PostgreSQL a write transaction's BEGIN goes out with its first statement when that is a SELECT
/// (`PostgresPreparedSession`); the SELECT must still run inside the transaction.
@Suite struct HeldBeginTests {
    static let createProbe = "CREATE TABLE begin_probe (id BIGINT PRIMARY KEY, note TEXT NOT NULL)"
    static let lockRow = StaticSQL(locking: "SELECT note FROM begin_probe WHERE id = $1")
    static let insert = StaticSQL("INSERT INTO begin_probe (id, note) VALUES ($1, $2)")
    static let count = StaticSQL("SELECT COUNT(*) AS n FROM begin_probe")

    @Test func onlyASelectIsSentWithTheBegin() {
        #expect(StaticSQL("SELECT 1").isSelect)
        #expect(Self.lockRow.isSelect)
        #expect(StaticSQL("\n    SELECT note FROM begin_probe").isSelect)
        #expect(!StaticSQL("WITH gone AS (DELETE FROM begin_probe RETURNING id) SELECT id FROM gone").isSelect)
        #expect(!Self.insert.isSelect)
        #expect(!StaticSQL("SELECTION").isSelect)
    }

    /// The row the transaction's first statement locks stays locked until COMMIT: another connection
    /// that skips locked rows does not get it. Several times over, since the first run on a connection
    /// prepares the statement, which postgres-nio then runs after anything queued meanwhile; later runs
    /// take the order they were sent in. (PostgreSQL only: SQLite's single writer locks no rows and
    /// sends its BEGIN on its own.)
    @Test(arguments: TestBackend.all.filter { $0 == .postgres })
    func aLockingFirstSelectHoldsItsRowUntilCommit(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await db.write { sql in
                try await sql.raw(SQLQueryString(Self.createProbe)).run()
                try await sql.run(Self.insert, 1, "一")
            }
            for _ in 0..<6 {
                let seenElsewhere = try await db.write { sql in
                    #expect(try await sql.first(Self.lockRow, 1)?.decode(column: "note", as: String.self) == "一")
                    // Another pooled connection, asked from outside this transaction's task.
                    return try await Task.detached {
                        try await db.read { other in try await other.raw(Self.skipLocked).all().count }
                    }.value
                }
                #expect(seenElsewhere == 0)
            }
            #expect(try await db.read { other in try await other.raw(Self.skipLocked).all().count } == 1)
        }
    }
    static let skipLocked: SQLQueryString = "SELECT id FROM begin_probe WHERE id = 1 FOR UPDATE SKIP LOCKED"

    /// A body that fails after its first SELECT leaves none of its writes.
    @Test(arguments: TestBackend.all)
    func aFailureAfterTheFirstSelectUndoesTheWrites(backend: TestBackend) async throws {
        struct Refused: Error {}
        try await backend.withDatabase { db in
            try await db.write { sql in
                try await sql.raw(SQLQueryString(Self.createProbe)).run()
                try await sql.run(Self.insert, 1, "一")
            }
            await #expect(throws: Refused.self) {
                try await db.write { sql in
                    _ = try await sql.first(Self.lockRow, 1)
                    try await sql.run(Self.insert, 2, "二")
                    try await sql.runDeferred(Self.insert, 3, "三")
                    _ = try await sql.first(Self.count)
                    throw Refused()
                }
            }
            let count = try await db.read { sql in try await sql.first(Self.count)?.decode(column: "n", as: Int.self) }
            #expect(count == 1)
        }
    }
}
