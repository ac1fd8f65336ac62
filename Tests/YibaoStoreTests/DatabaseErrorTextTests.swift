import SQLKit
import Testing
import YibaoStore
import YibaoTestSupport

/// A command's operator reads PostgreSQL's own message (SQLSTATE, constraint, detail) rather than
/// postgres-nio's generic description; SQLite's errors describe themselves.
@Suite struct DatabaseErrorTextTests {
    @Test(arguments: TestBackend.all)
    func aDuplicateKeyNamesItsConstraintAndKey(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let insert = "INSERT INTO regions (admdvs, name, created_at) VALUES ('329900', '重复', 0)"
            try await db.write { sql in try await sql.raw(SQLQueryString(insert)).run() }
            do {
                try await db.write { sql in try await sql.raw(SQLQueryString(insert)).run() }
                Issue.record("the second insert should fail")
            } catch {
                let text = DatabaseErrorText.describe(error)
                if backend == .postgres {
                    #expect(text?.hasPrefix("PostgreSQL 23505：duplicate key value violates unique constraint \"regions_pkey\"") == true)
                    #expect(text?.contains("(admdvs)=(329900)") == true)
                } else {
                    #expect(text == nil)
                    #expect(String(describing: error).contains("UNIQUE"))
                }
            }
        }
    }
}
