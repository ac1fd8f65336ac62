import Testing
import YibaoStore
import YibaoTestSupport

/// A transaction's body that asks the store for another session is stopped in debug builds: on
/// PostgreSQL that second connection comes from the same pool, and under load every pooled connection
/// ends up held by a transaction waiting for one (the server stalled this way once, in the HTTP
/// benchmark). Each case runs in its own process, since the stop ends it.
@Suite struct NestedSessionTests {
    @Test(arguments: TestBackend.all)
    func aReadInsideAWriteStops(backend: TestBackend) async {
        await #expect(processExitsWith: .failure) { [backend] in
            try await backend.withDatabase { db in
                _ = try await db.write { _ in try await db.read { _ in 1 } }
            }
        }
    }

    @Test func sequentialSessionsAreFine() async throws {
        try await TestBackend.sqlite.withDatabase { db in
            let written = try await db.write { sql in try await sql.raw("SELECT 1 AS n").first()?.decode(column: "n", as: Int.self) }
            let read = try await db.read { sql in try await sql.raw("SELECT 2 AS n").first()?.decode(column: "n", as: Int.self) }
            #expect(written == 1 && read == 2)
        }
    }
}
