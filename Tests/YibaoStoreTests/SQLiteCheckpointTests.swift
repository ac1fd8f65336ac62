import Foundation
import Logging
import SQLKit
import Testing
import YibaoStore
import YibaoTestSupport

/// The SQLite store copies its write-ahead log into the database file in the background (`run()`),
/// not inside commits: committed data reaches the main file without any commit having to checkpoint.
@Suite struct SQLiteCheckpointTests {
    @Test func committedPagesReachTheDatabaseFileInTheBackground() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("yibao-ckpt-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let size: @Sendable () -> Int = { (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0 }
        // Measured while the store is open: closing the last connection checkpoints anyway.
        let checkpointed = try await DatabaseOpening.with(.sqlite(path: path), migrate: false, logger: TestBackend.logger) { db in
            // 1.9 MB committed in small transactions: far below the commits' own checkpoint threshold
            // (20,000 pages), so only the background checkpoint can move it into the main file.
            try await db.write { sql in try await sql.raw("CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)").run() }
            let body = String(repeating: "医保", count: 5_000)
            for id in 0..<64 {
                try await db.write { sql in try await sql.raw("INSERT INTO filler (id, body) VALUES (\(bind: id), \(bind: body))").run() }
            }
            var waited = 0
            while size() < 1_800_000, waited < 50 {
                try await Task.sleep(for: .milliseconds(100))
                waited += 1
            }
            return size()
        }
        #expect(checkpointed >= 1_800_000, "the database file holds the committed rows while the store is open")
    }
}
