import Logging
import PostgresKit
import PostgresNIO
import SQLKit

/// PostgreSQL through postgres-nio's `PostgresClient` pool. The pool must be running (`run()`, as a
/// service in the server or in a task group in the CLI) for `read`/`write` to get connections.
public final class PostgresStore: Database {
    public let dialect = DatabaseDialect.postgres
    private let client: PostgresClient
    private let logger: Logger
    private let names = PostgresStatementNames()

    public init(url: DatabaseLocation.PostgresURL, logger: Logger) {
        var configuration = PostgresClient.Configuration(
            host: url.host, port: url.port, username: url.username,
            password: url.password, database: url.database, tls: .disable)
        configuration.options.maximumConnections = url.poolMaxConnections
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
    }

    /// One connection made and closed before the pool starts, so that a server that is not there, a
    /// database that does not exist or a refused login is reported at once and by name. The pool
    /// would retry for about a minute and then say only that its circuit breaker tripped.
    public static func probe(_ url: DatabaseLocation.PostgresURL, logger: Logger) async throws {
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: url.connectionConfiguration, id: 0, logger: logger)
        } catch let error as PSQLError {
            throw StoreError.unreachable(url, error)
        }
        try await connection.close()
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        SQLTransaction.assertNotNested()
        return try await client.withConnection { connection in
            let session = PostgresPreparedSession(base: connection.sql(queryLogLevel: nil), connection: connection, names: names)
            return try await SQLTransaction.$isOpen.withValue(true) { try await body(session) }
        }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            let session = PostgresPreparedSession(base: connection.sql(queryLogLevel: nil), connection: connection, names: names,
                                                  held: HeldWrites(), begin: HeldBegin())
            return try await SQLTransaction.run(on: session, begin: "BEGIN", body)
        }
    }

    public func run() async {
        await client.run()
    }

    public func shutdown() async {}

    /// PostgreSQL runs write transactions side by side: there is no single writer to watch.
    public var writerStatistics: WriterStatistics? { nil }
}

extension DatabaseLocation.PostgresURL {
    /// The settings of a single connection outside the pool (the probe, the tests' maintenance connection).
    public var connectionConfiguration: PostgresConnection.Configuration {
        PostgresConnection.Configuration(host: host, port: port, username: username, password: password, database: database,
                                         tls: .disable)
    }
}
