import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO
import Synchronization

/// A handle behind a mutex: statements of concurrent callers never interleave on one connection.
/// (The store already gives the writer to one transaction at a time and each reader to one read;
/// the mutex makes that a guarantee rather than a convention.)
final class LockedSQLiteHandle: Sendable {
    private let handle: Mutex<SQLiteHandle>

    init(_ handle: sending SQLiteHandle) {
        self.handle = Mutex(handle)
    }

    func execute(_ sql: String, _ binds: [SQLiteData]) throws -> SQLiteRows {
        try handle.withLock { try $0.execute(sql, binds) }
    }

    func close() {
        handle.withLock { $0.close() }
    }
}

/// SQLKit's view of one SQLite connection: serialises the query with SQLiteKit's dialect and
/// encoder and runs it inline on the calling task (see `SQLiteHandle` for why).
struct SQLiteSession: SQLDatabase {
    let connection: LockedSQLiteHandle
    let logger: Logger
    private static let encoder = SQLiteDataEncoder()
    private static let decoder = SQLiteDataDecoder()

    var eventLoop: any EventLoop { MultiThreadedEventLoopGroup.singleton.any() }
    var dialect: any SQLDialect { SQLiteDialect() }
    var queryLogLevel: Logger.Level? { nil }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        let (sql, binds) = serialize(query)
        let values = try binds.map { try SQLiteValueConversion.data($0) ?? Self.encoder.encode($0) }
        let rows = try connection.execute(sql, values)
        for index in 0..<rows.count { onRow(rows.row(index, decoder: Self.decoder)) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        let loop = eventLoop
        return loop.makeFutureWithTask { try await self.execute(sql: query, onRow) }
    }
}
