import Logging
import SQLKit

/// Applies the pending migrations in order, each in its own transaction together with its row in
/// `schema_migrations`, so a crash leaves the schema at a whole version. Refuses to run against a
/// database that is newer than this binary.
public struct Migrator: Sendable {
    public let database: any Database
    public let logger: Logger
    public let migrations: [Migration]

    public init(database: any Database, logger: Logger, migrations: [Migration] = Schema.all) {
        self.database = database
        self.logger = logger
        self.migrations = migrations
    }

    /// Returns the versions it applied.
    @discardableResult
    public func migrate() async throws -> [Int] {
        try await database.write { db in
            try await db.raw("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version BIGINT PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at BIGINT NOT NULL)
                """).run()
        }
        let applied = try await appliedVersions()
        if let newest = applied.max(), let known = migrations.map(\.version).max(), newest > known {
            throw StoreError.schemaTooNew(database: newest, binary: known)
        }
        var done: [Int] = []
        let dialect = database.dialect
        for migration in migrations where !applied.contains(migration.version) {
            try await database.write { db in
                for statement in migration.statements(for: dialect) {
                    try await db.raw(SQLQueryString(statement)).run()
                }
                try await db.insert(into: "schema_migrations")
                    .columns("version", "name", "applied_at")
                    .values(SQLBind(migration.version), SQLBind(migration.name), SQLBind(Clock.nowMillis()))
                    .run()
            }
            logger.info("applied migration \(migration.version) \(migration.name)")
            done.append(migration.version)
        }
        return done
    }

    public func appliedVersions() async throws -> Set<Int> {
        let rows = try await database.read { db in
            try await db.select().column("version").from("schema_migrations").all()
        }
        return Set(try rows.map { try $0.decode(column: "version", as: Int.self) })
    }
}
