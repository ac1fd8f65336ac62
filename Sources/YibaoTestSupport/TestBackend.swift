import Foundation
import Logging
import PostgresNIO
import SQLKit
import YibaoStore

/// Test support shared by the storage and server suites (a library target, so the two don't copy it).
///
/// The databases every storage test runs on: SQLite always; PostgreSQL when
/// `YIBAO_TEST_POSTGRES_URL` names a server (a role allowed to CREATE DATABASE). `.ci/run` sets it;
/// in CI (`CI=true`) its absence fails `PostgresInCITests` instead of silently skipping.
public enum TestBackend: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    case sqlite
    case postgres

    public var description: String { rawValue }

    public static var postgresURL: String? {
        ProcessInfo.processInfo.environment["YIBAO_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    public static var all: [TestBackend] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    public static let logger: Logger = {
        var logger = Logger(label: "yibao.test")
        logger.logLevel = .warning
        return logger
    }()

    /// Ten test databases with their pools stay well under CI's `max_connections` (`TestDatabaseLimit`).
    static let postgresDatabases = TestDatabaseLimit(permits: 10)

    /// A brand-new database for one test, migrated unless asked not to, removed afterwards; on
    /// PostgreSQL with a pool of `poolMaxConnections` when given.
    public func withDatabase<T: Sendable>(poolMaxConnections: Int? = nil, migrate: Bool = true,
                                          _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        switch self {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("yibao-test-\(UUID().uuidString).sqlite").path
            defer {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
            return try await DatabaseOpening.with(.sqlite(path: path), migrate: migrate, logger: Self.logger, body)
        case .postgres:
            guard let text = Self.postgresURL, case .postgres(var url) = try DatabaseLocation.parse(text) else {
                throw TestSetupError("YIBAO_TEST_POSTGRES_URL is not a postgres:// URL")
            }
            let name = "yibao_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            let admin = url
            url.database = String(name)
            if let poolMaxConnections { url.poolMaxConnections = poolMaxConnections }
            await Self.postgresDatabases.acquire()
            let result: Result<T, any Error>
            do {
                try await Self.admin(admin, "CREATE DATABASE \(name)")
                result = .success(try await DatabaseOpening.with(.postgres(url), migrate: migrate, logger: Self.logger, body))
            } catch {
                result = .failure(error)
            }
            do {
                try await Self.admin(admin, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            } catch {
                await Self.postgresDatabases.release()
                throw error
            }
            await Self.postgresDatabases.release()
            return try result.get()
        }
    }

    /// Runs one statement on the server's maintenance connection (databases cannot be created in a transaction).
    private static func admin(_ url: DatabaseLocation.PostgresURL, _ sql: String) async throws {
        let connection = try await PostgresConnection.connect(configuration: url.connectionConfiguration, id: 1, logger: logger)
        do {
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }
}

public struct TestSetupError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
