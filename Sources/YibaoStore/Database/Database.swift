import Logging
import SQLKit

/// The storage seam: every repository talks to a `Database`, never to a driver.
///
/// Reads may run concurrently; `write` is one transaction that commits only if its body returns and
/// rolls back everything it began if the body throws (nothing half-written). On SQLite writes are
/// serialised by the single writer connection; on PostgreSQL by row locks taken inside the body.
public protocol Database: Sendable {
    var dialect: DatabaseDialect { get }
    /// Runs `body` on a session for reading.
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Runs `body` inside one transaction.
    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Keeps the driver's background work (PostgreSQL's pool) alive until cancelled.
    func run() async
    /// Closes connections; call after `run()` has returned.
    func shutdown() async
    /// The single writer's use so far, where there is one (SQLite); nil where writes run in parallel.
    var writerStatistics: WriterStatistics? { get }
}

public enum DatabaseDialect: String, Sendable {
    case sqlite
    case postgres
}
