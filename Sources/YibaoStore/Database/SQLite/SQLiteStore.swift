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
    private let logger: Logger
    /// Idle readers kept open; more are opened under a burst and closed when it passes.
    private static let idleReaderLimit = 8

    private init(path: String, writer: LockedSQLiteHandle, logger: Logger) {
        self.path = path
        self.writer = writer
        self.logger = logger
    }

    /// Opens (creating if needed) the file at `path`; the writer switches it to WAL.
    public static func open(path: String, logger: Logger) async throws -> SQLiteStore {
        let writer = LockedSQLiteHandle(try SQLiteHandle(path: path, readOnly: false))
        return SQLiteStore(path: path, writer: writer, logger: logger)
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
        return try await writeLock.withLock {
            try await SQLTransaction.run(on: session, begin: "BEGIN IMMEDIATE", body)
        }
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

    public func run() async {
        // Nothing runs in the background for SQLite; stay alive until cancelled.
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(3600))
        }
    }

    public func shutdown() async {
        for reader in idleReaders.withLock({ idle in defer { idle.removeAll() }; return idle }) { reader.close() }
        writer.close()
    }
}
