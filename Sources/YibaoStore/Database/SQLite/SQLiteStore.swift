import Logging
import SQLKit
import Synchronization

/// SQLite in WAL mode: one writer connection behind a FIFO lock (SQLite has a single writer anyway,
/// and holding the lock for a whole transaction keeps transactions whole), plus reader connections,
/// checked out one per read, that see the last committed state while a write runs. Writes queued
/// behind each other share a commit (`CommitGroup`).
public final class SQLiteStore: Database {
    public let dialect = DatabaseDialect.sqlite
    private let path: String
    private let writer: LockedSQLiteHandle
    private let idleReaders = Mutex<[LockedSQLiteHandle]>([])
    private let writeLock = AsyncLock()
    private let statistics = Mutex(WriterStatistics())
    /// The group of write transactions not yet committed; touched only while holding `writeLock`.
    private let openGroup = Mutex<CommitGroup?>(nil)
    private let logger: Logger
    /// Idle readers kept open; more are opened under a burst and closed when it passes.
    private static let idleReaderLimit = 8
    /// How often `run()` copies the write-ahead log back into the database file.
    static let checkpointInterval = Duration.milliseconds(200)
    /// WAL pages after which a commit checkpoints by itself: only a backstop for when `run()` is not
    /// running, since a checkpoint inside a commit holds the single writer for its whole duration.
    static let autocheckpointPages = 20_000

    private let groupLimits: CommitGroup.Limits

    private init(path: String, writer: LockedSQLiteHandle, logger: Logger, groupLimits: CommitGroup.Limits) {
        self.groupLimits = groupLimits
        self.path = path
        self.writer = writer
        self.logger = logger
    }

    /// Opens (creating if needed) the file at `path`; the writer switches it to WAL.
    public static func open(path: String, logger: Logger, groupLimits: CommitGroup.Limits = .standard) async throws -> SQLiteStore {
        let handle = try SQLiteHandle(path: path, readOnly: false)
        try handle.execute("PRAGMA wal_autocheckpoint=\(autocheckpointPages)")
        // The sub-journal, where a savepoint keeps the pages its member changes, is otherwise a temporary
        // file once it passes 64 KiB: created, written and deleted for most groups, all while holding the
        // writer. In memory it holds what one member or one statement changes.
        try handle.execute("PRAGMA temp_store=MEMORY")
        return SQLiteStore(path: path, writer: LockedSQLiteHandle(handle), logger: logger, groupLimits: groupLimits)
    }

    /// A read runs in one read transaction (`BEGIN` … `COMMIT`), so its statements see one snapshot
    /// even while the writer commits between them.
    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let reader = try checkOutReader()
        defer { checkIn(reader) }
        return try await SQLTransaction.run(on: SQLiteSession(connection: reader, logger: logger), begin: "BEGIN", body)
    }

    /// A write joins the open `CommitGroup` in a savepoint, or opens one with BEGIN IMMEDIATE if none is
    /// open, while holding the writer; it returns once its group is committed.
    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        SQLTransaction.assertNotNested()
        let session = SQLiteSession(connection: writer, logger: logger)
        let queued = ContinuousClock.now
        let (outcome, pending) = try await writeLock.withLock {
            let started = ContinuousClock.now
            defer {
                let held = ContinuousClock.now - started
                statistics.withLock { $0.transactions += 1; $0.busy += held; $0.waited += started - queued }
            }
            return try await member(of: session, body)
        }
        if let pending { try await pending.committed() }
        return try outcome.get()
    }

    /// Runs `body` as one member of the open group. Returns its outcome and, when it succeeded and the
    /// group stays open for those queued behind it, the group whose commit it must wait for.
    ///
    /// The member that opens a group runs without a savepoint: nothing else is in the transaction yet,
    /// so its failure rolls the whole transaction back. Only members that join need one, and a savepoint
    /// costs a copy of every page the member changes (SQLite's sub-journal).
    private func member<T: Sendable>(of session: SQLiteSession, _ body: @Sendable (any SQLDatabase) async throws -> T)
        async throws -> (Result<T, any Error>, CommitGroup?) {
        let joined = openGroup.withLock { $0 }
        let group = joined ?? CommitGroup(groupLimits)
        let outcome: Result<T, any Error>
        do {
            try control(joined == nil ? "BEGIN IMMEDIATE" : "SAVEPOINT member")
            if joined == nil { openGroup.withLock { $0 = group } }
            do {
                let value = try await SQLTransaction.$isOpen.withValue(true) { try await body(session) }
                if joined != nil { try control("RELEASE member") }
                outcome = .success(value)
            } catch {
                guard joined != nil else {
                    // The opening member failed: its transaction holds nothing else.
                    try control("ROLLBACK")
                    openGroup.withLock { $0 = nil }
                    return (.failure(error), nil)
                }
                try control("ROLLBACK TO member")
                try control("RELEASE member")
                outcome = .failure(error)
            }
        } catch {
            // A transaction-control statement itself failed: what the group holds is unknown, so all of it goes.
            try? control("ROLLBACK")
            openGroup.withLock { $0 = nil }
            group.finish(.failure(error))
            throw error
        }
        if group.join(), writeLock.hasWaiters {
            if case .success = outcome { return (outcome, group) }
            return (outcome, nil)
        }
        openGroup.withLock { $0 = nil }
        do {
            try control("COMMIT")
        } catch {
            try? control("ROLLBACK")
            group.finish(.failure(error))
            throw error
        }
        group.finish(.success(()))
        statistics.withLock { $0.commits += 1 }
        return (outcome, nil)
    }

    /// A transaction-control statement on the writer.
    private func control(_ sql: String) throws {
        _ = try writer.execute(sql, [])
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
