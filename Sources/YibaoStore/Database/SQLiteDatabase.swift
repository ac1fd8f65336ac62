import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO
import Synchronization

/// SQLite in WAL mode: one writer connection behind a FIFO lock (SQLite has a single writer anyway,
/// and holding the lock from BEGIN IMMEDIATE to COMMIT keeps transactions whole), plus a few reader
/// connections that see the last committed state while a write is in progress.
public final class SQLiteStore: Database {
    public let dialect = DatabaseDialect.sqlite
    private let writer: SQLiteConnection
    private let readers: [SQLiteConnection]
    private let nextReader = Atomic<Int>(0)
    private let writeLock = AsyncLock()
    private let logger: Logger

    private init(writer: SQLiteConnection, readers: [SQLiteConnection], logger: Logger) {
        self.writer = writer
        self.readers = readers
        self.logger = logger
    }

    /// Opens (creating if needed) the file at `path` and sets the pragmas every connection needs.
    public static func open(path: String, readers: Int = 2, logger: Logger) async throws -> SQLiteStore {
        let writer = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        try await configure(writer, isWriter: true)
        var readerConnections: [SQLiteConnection] = []
        for _ in 0..<max(1, readers) {
            let reader = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
            try await configure(reader, isWriter: false)
            readerConnections.append(reader)
        }
        return SQLiteStore(writer: writer, readers: readerConnections, logger: logger)
    }

    private static func configure(_ connection: SQLiteConnection, isWriter: Bool) async throws {
        let db = connection.sql(queryLogLevel: nil)
        if isWriter {
            try await db.raw("PRAGMA journal_mode=WAL").run()
        }
        try await db.raw("PRAGMA synchronous=NORMAL").run()
        try await db.raw("PRAGMA foreign_keys=ON").run()
        try await db.raw("PRAGMA busy_timeout=5000").run()
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let index = nextReader.wrappingAdd(1, ordering: .relaxed).oldValue
        let connection = readers[abs(index % readers.count)]
        return try await body(connection.sql(queryLogLevel: nil))
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let db = writer.sql(queryLogLevel: nil)
        return try await writeLock.withLock {
            try await SQLTransaction.run(on: db, begin: "BEGIN IMMEDIATE", body)
        }
    }

    public func run() async {
        // Nothing runs in the background for SQLite; stay alive until cancelled.
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(3600))
        }
    }

    public func shutdown() async {
        for reader in readers { try? await reader.close() }
        try? await writer.close()
    }
}
