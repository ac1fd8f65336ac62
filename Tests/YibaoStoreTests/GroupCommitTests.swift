import Foundation
import Logging
import SQLKit
import Testing
import YibaoTestSupport
@testable import YibaoStore

/// Concurrent writes keep each transaction whole when SQLite commits them in groups
/// (`CommitGroup`): a write that fails leaves nothing, one that returned is committed and visible,
/// and the others in its group are untouched by a neighbour's failure. The same holds on PostgreSQL,
/// where each write is its own transaction.
@Suite struct GroupCommitTests {
    struct Boom: Error {}

    @Test(arguments: TestBackend.all)
    func concurrentWritesStayWholeAndVisible(backend: TestBackend) async throws {
        try await backend.withDatabase { db in try await Self.probe(db) }
    }

    /// The same with an age limit loose enough that a group forms however slowly this machine runs the
    /// suite (the standard 2 ms often closes a group after one member in a debug build under load).
    @Test func queuedSQLiteWritesShareCommits() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("yibao-group-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try await SQLiteStore.open(path: path, logger: Logger(label: "test"),
                                               groupLimits: .init(maxMembers: 64, maxAge: .seconds(60)))
        let before = try #require(store.writerStatistics)
        do { try await Self.probe(store) } catch {
            await store.shutdown()
            throw error
        }
        let after = try #require(store.writerStatistics)
        await store.shutdown()
        #expect(after.transactions - before.transactions == 241)
        #expect(after.commits - before.commits < 241, "queued writes share commits")
    }

    /// Groups of at most two: the write that leads a full group hands the lead to the next one queued,
    /// which runs the next group; every write returns, committed, and none is run twice.
    @Test func theLeadPassesOnWhenAGroupIsFull() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("yibao-lead-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try await SQLiteStore.open(path: path, logger: Logger(label: "test"),
                                               groupLimits: .init(maxMembers: 2, maxAge: .seconds(60)))
        do {
            try await store.write { sql in try await sql.raw("CREATE TABLE lead_probe (id BIGINT PRIMARY KEY)").run() }
            let before = try #require(store.writerStatistics)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for id in 1...50 {
                    group.addTask {
                        try await store.write { sql in
                            try await sql.raw("INSERT INTO lead_probe (id) VALUES (\(bind: id))").run()
                            // The first holds the writer a while, so the others queue behind it.
                            if id == 1 { try await Task.sleep(for: .milliseconds(50)) }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let after = try #require(store.writerStatistics)
            let count = try await store.read { sql in
                try await sql.raw("SELECT COUNT(*) AS n FROM lead_probe").first()?.decode(column: "n", as: Int.self)
            }
            #expect(count == 50)
            #expect(after.transactions - before.transactions == 50)
            #expect(after.commits - before.commits >= 25, "no group holds more than two")
        } catch {
            await store.shutdown()
            throw error
        }
        await store.shutdown()
    }

    /// A write alone opens its group and runs without a savepoint: its failure after a row was written
    /// rolls the transaction back, and the next write opens a fresh one.
    @Test(arguments: TestBackend.all)
    func aLoneWriteThatFailsLeavesNothing(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await db.write { sql in try await sql.raw("CREATE TABLE lone_probe (id BIGINT PRIMARY KEY)").run() }
            await #expect(throws: Boom.self) {
                try await db.write { sql in
                    try await sql.raw("INSERT INTO lone_probe (id) VALUES (1)").run()
                    throw Boom()
                }
            }
            try await db.write { sql in try await sql.raw("INSERT INTO lone_probe (id) VALUES (2)").run() }
            let ids = try await db.read { sql in
                try await sql.raw("SELECT id FROM lone_probe ORDER BY id").all().map { try $0.decode(column: "id", as: Int.self) }
            }
            #expect(ids == [2])
        }
    }

    static func probe(_ db: any Database) async throws {
        try await db.write { sql in
            try await sql.raw("CREATE TABLE group_probe (id BIGINT PRIMARY KEY, note TEXT NOT NULL)").run()
            try await sql.raw("INSERT INTO group_probe (id, note) VALUES (0, 'taken')").run()
        }
        // 240 writers at once, each inserting two rows (id and id + 10,000) — except that every 5th
        // throws after its first row and every 7th breaks the primary key with its second (id 0).
        let outcomes = await withTaskGroup(of: (Int, Bool).self) { group in
            for id in 1...240 {
                group.addTask {
                    do {
                        try await db.write { sql in
                            try await sql.raw("INSERT INTO group_probe (id, note) VALUES (\(bind: id), 'first')").run()
                            // Writer 1 holds the writer a while, so others are surely queued behind it.
                            if id == 1 { try await Task.sleep(for: .milliseconds(50)) }
                            if id % 5 == 0 { throw Boom() }
                            let second = id % 7 == 0 ? 0 : id + 10_000
                            try await sql.raw("INSERT INTO group_probe (id, note) VALUES (\(bind: second), 'second')").run()
                        }
                        // Returned: committed, so a fresh read sees both rows.
                        let seen = try await db.read { sql in
                            try await sql.raw("SELECT COUNT(*) AS n FROM group_probe WHERE id IN (\(bind: id), \(bind: id + 10_000))").first()?
                                .decode(column: "n", as: Int.self)
                        }
                        return (id, seen == 2)
                    } catch {
                        return (id, false)
                    }
                }
            }
            var all: [(Int, Bool)] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        let succeeded = Set(outcomes.filter(\.1).map(\.0))
        #expect(succeeded == Set((1...240).filter { $0 % 5 != 0 && $0 % 7 != 0 }))
        let rows = try await db.read { sql in
            try await sql.raw("SELECT id FROM group_probe ORDER BY id").all().map { try $0.decode(column: "id", as: Int.self) }
        }
        // Exactly the rows of the writes that returned, and nothing of those that failed.
        #expect(rows == [0] + succeeded.sorted() + succeeded.sorted().map { $0 + 10_000 })
    }
}
