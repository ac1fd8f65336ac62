import SQLKit
import Testing
import YibaoTestSupport
@testable import YibaoStore

/// `SQLDatabase.together`: reads started side by side on one session (pipelined on PostgreSQL's
/// connection, in turn on SQLite) give what they would one by one, inside the session's own
/// transaction, and fail in argument order.
@Suite struct TogetherTests {
    struct Failure: Error, Equatable { var which: String }

    static let count = StaticSQL("SELECT COUNT(*) AS n FROM together_probe")
    static let named = StaticSQL("SELECT note FROM together_probe WHERE id = $1")

    /// Inside a write transaction both reads see its own uncommitted rows: they ran on its connection.
    @Test(arguments: TestBackend.all)
    func readsRunInTheSessionsTransaction(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await db.write { sql in
                try await sql.raw("CREATE TABLE together_probe (id BIGINT PRIMARY KEY, note TEXT NOT NULL)").run()
            }
            let (count, note, again) = try await db.write { sql in
                try await sql.raw("INSERT INTO together_probe (id, note) VALUES (1, '一'), (2, '二')").run()
                return try await sql.together(
                    { try await sql.first(Self.count)?.decode(column: "n", as: Int.self) },
                    { try await sql.first(Self.named, 2)?.decode(column: "note", as: String.self) },
                    { try await sql.first(Self.named, 1)?.decode(column: "note", as: String.self) })
            }
            #expect(count == 2)
            #expect(note == "二")
            #expect(again == "一")
        }
    }

    /// A failing statement among them fails the transaction, which leaves nothing behind, and its
    /// pooled connection serves the next transaction cleanly.
    @Test(arguments: TestBackend.all)
    func aFailingReadUndoesTheTransaction(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await db.write { sql in
                try await sql.raw("CREATE TABLE together_probe (id BIGINT PRIMARY KEY, note TEXT NOT NULL)").run()
            }
            await #expect(throws: (any Error).self) {
                try await db.write { sql in
                    try await sql.raw("INSERT INTO together_probe (id, note) VALUES (1, '一')").run()
                    _ = try await sql.together(
                        { try await sql.first(Self.named, 1)?.decode(column: "note", as: String.self) },
                        { try await sql.raw("SELECT no_such_column FROM together_probe").all() })
                }
            }
            let count = try await db.write { sql in
                try await sql.raw("INSERT INTO together_probe (id, note) VALUES (2, '二')").run()
                return try await sql.first(Self.count)?.decode(column: "n", as: Int.self)
            }
            #expect(count == 1)
        }
    }

    /// The first argument's error wins, even when the second fails sooner.
    @Test(arguments: TestBackend.all)
    func errorsComeInArgumentOrder(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await db.read { sql in
                await #expect(throws: Failure(which: "first")) {
                    _ = try await sql.together(
                        { () async throws -> Int in
                            try await Task.sleep(for: .milliseconds(20))
                            throw Failure(which: "first")
                        },
                        { () async throws -> Int in throw Failure(which: "second") })
                }
                await #expect(throws: Failure(which: "second")) {
                    _ = try await sql.together({ 1 }, { () async throws -> Int in throw Failure(which: "second") }, { 3 })
                }
            }
        }
    }
}
