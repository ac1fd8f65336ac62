import Logging
import SQLKit
import Synchronization

/// SQLite in WAL mode: one writer connection behind a FIFO lock (SQLite has a single writer anyway,
/// and holding the lock from BEGIN IMMEDIATE to COMMIT keeps transactions whole), plus reader
/// connections, checked out one per read, that see the last committed state while a write runs.
public final class SQLiteStore: Database {
    public let dialect = DatabaseDialect.sqlite
    private let path: String
    private let writer: LockedSQLiteHandle
    private let idleReaders = Mutex<[LockedSQLiteHandle]>([])
    private let writeLock = AsyncLock()
    private let statistics = Mutex(WriterStatistics())
    private let logger: Logger
    /// Idle readers kept open; more are opened under a burst and closed when it passes.
    private static let idleReaderLimit = 8
    /// How often `run()` copies the write-ahead log back into the database file.
    static let checkpointInterval = Duration.milliseconds(200)
    /// WAL pages after which a commit checkpoints by itself: only a backstop for when `run()` is not
    /// running, since a checkpoint inside a commit holds the single writer for its whole duration.
    static let autocheckpointPages = 20_000

    private init(path: String, writer: LockedSQLiteHandle, logger: Logger) {
        self.path = path
        self.writer = writer
        self.logger = logger
    }

    /// Opens (creating if needed) the file at `path`; the writer switches it to WAL.
    public static func open(path: String, logger: Logger) async throws -> SQLiteStore {
        let handle = try SQLiteHandle(path: path, readOnly: false)
        try handle.execute("PRAGMA wal_autocheckpoint=\(autocheckpointPages)")
        return SQLiteStore(path: path, writer: LockedSQLiteHandle(handle), logger: logger)
    }

    /// A read runs in one read transaction (`BEGIN` … `COMMIT`), so its statements see one snapshot
    /// even while the writer commits between them.
    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let reader = try checkOutReader()
        defer { checkIn(reader) }
        return try await SQLTransaction.run(on: SQLiteSession(connection: reader, logger: logger), begin: "BEGIN", body)
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        SQLTransaction.assertNotNested()
        let session = SQLiteSession(connection: writer, logger: logger)
        let queued = ContinuousClock.now
        return try await writeLock.withLock {
            let started = ContinuousClock.now
            defer {
                let held = ContinuousClock.now - started
                statistics.withLock { $0.transactions += 1; $0.busy += held; $0.waited += started - queued }
            }
            return try await SQLTransaction.run(on: session, begin: "BEGIN IMMEDIATE", body)
        }
    }

    public var writerStatistics: WriterStatistics? { statistics.withLock { $0 } }

    private func checkOutReader() throws -> LockedSQLiteHandle {
        if let idle = idleReaders.withLock({ $0.popLast() }) { return idle }
        return LockedSQLiteHandle(try SQLiteHandle(path: path, readOnly: true))
    }

    private func checkIn(_ reader: LockedSQLiteHandle) {
        let kept = idleReaders.withLock { idle -> Bool in
            guard idle.count < Self.idleReaderLimit else { return false }
            idle.append(reader)
            return true
        }
        if !kept { reader.close() }
    }

    /// Checkpoints the WAL on a connection of its own, off the writer's path: a PASSIVE checkpoint
    /// copies committed pages while readers and the writer go on, so no settlement waits for it (the
    /// tail latency the commits' own checkpoints caused).
    public func run() async {
        let checkpointer: SQLiteHandle?
        do {
            checkpointer = try SQLiteHandle(path: path, readOnly: false)
        } catch {
            logger.error("SQLite checkpoint connection failed; commits will checkpoint by themselves: \(error)")
            checkpointer = nil
        }
        // Stays alive until cancelled either way: the caller shuts the store down when this returns.
        while !Task.isCancelled {
            try? await Task.sleep(for: Self.checkpointInterval)
            do { try checkpointer?.execute("PRAGMA wal_checkpoint(PASSIVE)") } catch {
                logger.warning("SQLite checkpoint: \(error)")
            }
        }
        checkpointer?.close()
    }

    public func shutdown() async {
        for reader in idleReaders.withLock({ idle in defer { idle.removeAll() }; return idle }) { reader.close() }
        writer.close()
    }
}
