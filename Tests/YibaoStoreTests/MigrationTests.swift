import SQLKit
import Testing
import YibaoTestSupport
@testable import YibaoStore

@Suite struct MigrationTests {
    @Test(arguments: TestBackend.all)
    func migratesOnceAndRecordsEveryVersion(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let migrator = Migrator(database: db, logger: TestBackend.logger)
            // `withDatabase` already migrated: a second run applies nothing and the versions are recorded.
            #expect(try await migrator.migrate().isEmpty)
            #expect(try await migrator.appliedVersions() == Set(Schema.all.map(\.version)))
            let tables = ["regions", "policy_documents", "users", "api_tokens", "sessions", "audit_log", "audit_heads", "institutions"]
            for table in tables {
                let count = try await db.read { sql in try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first() }
                #expect(try count?.decode(column: "n", as: Int.self) == 0, "table \(table) exists and is empty")
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func refusesADatabaseNewerThanTheBinary(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await db.write { sql in
                try await sql.raw("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)").run()
            }
            await #expect(throws: (any Error).self) { try await Migrator(database: db, logger: TestBackend.logger).migrate() }
            do {
                try await Migrator(database: db, logger: TestBackend.logger).migrate()
            } catch let error as YibaoCore.DomainError {
                #expect(error.code == "SCHEMA_TOO_NEW")
            }
        }
    }
}

import YibaoCore
