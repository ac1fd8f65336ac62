import Dispatch
import Logging
import SQLKit
import Synchronization

/// SQLite in WAL mode: one writer connection, on which write transactions run one at a time in the
/// order they were asked for (SQLite has a single writer anyway, and running each whole keeps
/// transactions whole), plus reader connections, checked out one per read, that see the last
/// committed state while a write runs. Writes queued behind each other share a commit (`CommitGroup`).
public final class SQLiteStore: Database {
    public let dialect = DatabaseDialect.sqlite
    private let path: String
    private let writer: LockedSQLiteHandle
    private let idleReaders = Mutex<[LockedSQLiteHandle]>([])
    private let queue = WriteQueue()
    private let statistics = Mutex(WriterStatistics())
    private let logger: Logger
    /// Idle readers kept open; more are opened under a burst and closed when it passes.
    private static let idleReaderLimit = 8
    /// How often `run()` copies the write-ahead log back into the database file. Often: a short log
    /// is copied in short steps, and the settlements' p99 at 32 clients fell from 25 ms at 200 ms
    /// to 16 ms at 20 ms, at the same throughput (docs/performance.md, section 2, 7 December 12:47 UTC).
    static let checkpointInterval = DispatchTimeInterval.milliseconds(20)
    /// WAL pages after which a commit checkpoints by itself: only a backstop for when `run()` is not
    /// running, since a checkpoint inside a commit holds the single writer for its whole duration.
    static let autocheckpointPages = 20_000

    private let groupLimits: CommitGroup.Limits
    private let checkpointer: WALCheckpointer

    private init(path: String, writer: LockedSQLiteHandle, logger: Logger, groupLimits: CommitGroup.Limits) {
        self.groupLimits = groupLimits
        self.path = path
        self.writer = writer
        self.logger = logger
        checkpointer = WALCheckpointer(interval: Self.checkpointInterval, logger: logger) {
            try SQLiteHandle(path: path, readOnly: false)
        }
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

    /// A write queues for the writer and returns once its group is committed (`CommitGroup`). The
    /// write at the head of the queue leads: it runs its group's bodies, its own first, then passes
    /// the lead on.
    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        SQLTransaction.assertNotNested()
        let pending = PendingWrite(body)
        var leads = queue.submit(pending)
        while true {
            if leads { await runGroup() }
            switch await pending.wait() {
            case .lead: leads = true
            case .done(let outcome): return try outcome.get()
            }
        }
    }

    /// Runs the writes at the head of the queue as one group, while more are waiting and the group is
    /// neither full nor old, and commits them (at once when the queue is empty: a lone write does not wait). The group's first member opens it (`BEGIN IMMEDIATE`)
    /// and runs without a savepoint: nothing else is in the transaction yet, so its failure rolls the
    /// whole transaction back, and the next member opens a fresh one. Only members that join need a
    /// savepoint, which costs a copy of every page the member changes (SQLite's sub-journal).
    private func runGroup() async {
        let session = SQLiteSession(connection: writer, logger: logger)
        let started = ContinuousClock.now
        var members = 0
        var open = false
        /// Succeeded members of the open transaction, told once it commits.
        var committing: [any QueuedWrite] = []
        while members < groupLimits.maxMembers, members == 0 || ContinuousClock.now - started < groupLimits.maxAge,
              let write = queue.next() {
            members += 1
            let began = ContinuousClock.now
            do {
                try control(open ? "SAVEPOINT member" : "BEGIN IMMEDIATE")
                let joined = open
                open = true
                if await write.run(on: session) {
                    if joined { try control("RELEASE member") }
                    committing.append(write)
                } else {
                    if joined {
                        try control("ROLLBACK TO member")
                        try control("RELEASE member")
                    } else {
                        // The opening member failed: its transaction holds nothing else.
                        try control("ROLLBACK")
                        open = false
                    }
                    write.finish(groupError: nil)
                }
            } catch {
                // A transaction-control statement itself failed: what the group holds is unknown, so all of it goes.
                try? control("ROLLBACK")
                open = false
                for member in committing + [write] { member.finish(groupError: error) }
                committing = []
            }
            record(held: ContinuousClock.now - began, waited: began - write.queued)
        }
        if open {
            let began = ContinuousClock.now
            var failure: (any Error)?
            do { try control("COMMIT") } catch {
                try? control("ROLLBACK")
                failure = error
            }
            statistics.withLock { $0.commits += 1; $0.busy += ContinuousClock.now - began }
            for member in committing { member.finish(groupError: failure) }
        }
        queue.passLeadership()
    }

    private func record(held: Duration, waited: Duration) {
        statistics.withLock { $0.transactions += 1; $0.busy += held; $0.waited += waited }
    }

    /// A transaction-control statement on the writer.
    private func control(_ sql: String) throws {
        _ = try writer.execute(sql, [])
    }

    public var writerStatistics: WriterStatistics? {
        var current = statistics.withLock { $0 }
        current.checkpoints = checkpointer.checkpoints
        return current
    }

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

    /// Checkpoints the WAL in the background until cancelled (`WALCheckpointer`).
    public func run() async {
        await checkpointer.run()
    }

    public func shutdown() async {
        for reader in idleReaders.withLock({ idle in defer { idle.removeAll() }; return idle }) { reader.close() }
        writer.close()
    }
}
