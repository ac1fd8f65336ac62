import Logging
import YibaoCore

/// Opens the database named by `--database`, migrates it, and keeps its background work running
/// for the duration of `body` (structured: the pool stops when `body` returns or throws).
public enum DatabaseOpening {
    public static func open(_ location: DatabaseLocation, logger: Logger) async throws -> any Database {
        switch location {
        case .sqlite(let path):
            return try await SQLiteStore.open(path: path, logger: logger)
        case .postgres(let url):
            try await PostgresStore.probe(url, logger: logger)
            return PostgresStore(url: url, logger: logger)
        }
    }

    /// Opens, runs and migrates the database around `body`; for CLI commands and tests.
    public static func with<T: Sendable>(
        _ location: DatabaseLocation, migrate: Bool = true, logger: Logger,
        _ body: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        let database = try await open(location, logger: logger)
        let result: Result<T, any Error> = await withTaskGroup(of: Void.self) { group in
            group.addTask { await database.run() }
            defer { group.cancelAll() }
            do {
                if migrate { try await Migrator(database: database, logger: logger).migrate() }
                return .success(try await body(database))
            } catch {
                return .failure(error)
            }
        }
        await database.shutdown()
        return try result.get()
    }
}
