import Foundation
import Logging
import SQLKit
import Synchronization
import Testing
@testable import YibaoStore

/// The SQLite store copies its write-ahead log back into the database file in the background, and
/// keeps trying when its checkpoint connection cannot be opened (as happened when the server opened
/// it while the demo was being loaded: busy, and never tried again).
@Suite struct WALCheckpointerTests {
    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("yibao-checkpoint-\(UUID().uuidString).sqlite").path
    }

    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// Waits until `condition` holds, for at most 1,000 naps of 10 ms. Counted in naps, not by the
    /// clock: while the rest of the suite keeps Swift's few cooperative threads busy, the task that
    /// starts the checkpointer may not have run yet however much time has passed.
    static func eventually(_ condition: () -> Bool) async throws {
        for _ in 0..<1_000 where !condition() { try await Task.sleep(for: .milliseconds(10)) }
    }

    struct Busy: Error {}

    @Test func aConnectionThatFailedToOpenIsOpenedAgain() async throws {
        let path = Self.temporaryPath()
        defer { Self.remove(path) }
        let writer = try SQLiteHandle(path: path, readOnly: false)
        defer { writer.close() }
        let attempts = Mutex(0)
        let checkpointer = WALCheckpointer(interval: .milliseconds(5), logger: Logger(label: "test")) {
            // The first two opens fail as a busy database does.
            let attempt = attempts.withLock { $0 += 1; return $0 }
            if attempt <= 2 { throw Busy() }
            return try SQLiteHandle(path: path, readOnly: false)
        }
        let running = Task { await checkpointer.run() }
        try await Self.eventually { checkpointer.checkpoints >= 3 }
        running.cancel()
        await running.value
        #expect(checkpointer.checkpoints >= 3)
        #expect(attempts.withLock { $0 } == 3, "opened again after each failure, then kept")
    }

    @Test func theStoreCheckpointsWhileItRuns() async throws {
        let path = Self.temporaryPath()
        defer { Self.remove(path) }
        let store = try await SQLiteStore.open(path: path, logger: Logger(label: "test"))
        let running = Task { await store.run() }
        try await store.write { sql in try await sql.raw("CREATE TABLE checkpoint_probe (id BIGINT PRIMARY KEY)").run() }
        try await Self.eventually { (store.writerStatistics?.checkpoints ?? 0) >= 2 }
        running.cancel()
        await running.value
        let checkpoints = store.writerStatistics?.checkpoints ?? 0
        await store.shutdown()
        #expect(checkpoints >= 2)
    }
}
