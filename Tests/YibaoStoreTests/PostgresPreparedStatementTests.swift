import PostgresNIO
import SQLKit
import Testing
import YibaoStore
import YibaoTestSupport

/// On PostgreSQL, `StaticSQL` runs as named prepared statements (`PostgresPreparedSession`); these
/// tests look at the server's own list of a connection's prepared statements.
@Suite struct PostgresPreparedStatementTests {
    static let backends = TestBackend.all.filter { $0 == .postgres }

    static let insert = StaticSQL("INSERT INTO prep_probe (id, note) VALUES ($1, $2)")
    static let find = StaticSQL("SELECT * FROM prep_probe WHERE id = $1")

    /// Fixed texts are prepared once per set of parameter types (a nil is untyped, so the insert with a
    /// nil note is a second statement); multi-row inserts go as column arrays, one prepared text for
    /// any number of rows, or, with a nil among their values, as VALUES unprepared; every value reads back.
    @Test(arguments: backends)
    func fixedTextsArePreparedByTextAndTypes(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let (notes, prepared) = try await db.write { sql in
                try await sql.raw("CREATE TABLE prep_probe (id BIGINT PRIMARY KEY, note TEXT)").run()
                try await sql.run(Self.insert, 1, "一")
                try await sql.run(Self.insert, 2, String?.none)
                try await sql.run(Self.insert, 3, Optional("三"))
                try await sql.run(.insert(into: "prep_probe", columns: ["id", "note"], rows: 2), values: [4, "四", 5, "五"])
                try await sql.run(.insert(into: "prep_probe", columns: ["id", "note"], rows: 3), values: [6, "六", 7, "七", 8, "八"])
                try await sql.run(.insert(into: "prep_probe", columns: ["id", "note"], rows: 2), values: [9, "九", 10, String?.none])
                var notes: [String?] = []
                for id in 1...10 {
                    notes.append(try await sql.first(Self.find, id)?.decode(column: "note", as: String?.self))
                }
                let prepared = try await sql.raw("SELECT name, statement FROM pg_prepared_statements ORDER BY name").all()
                    .map { (try $0.decode(column: "name", as: String.self), try $0.decode(column: "statement", as: String.self)) }
                return (notes, prepared)
            }
            #expect(notes == ["一", nil, "三", "四", "五", "六", "七", "八", "九", nil])
            let texts = prepared.map(\.1)
            #expect(texts.filter { $0 == "INSERT INTO prep_probe (id, note) VALUES ($1, $2)" }.count == 2)
            #expect(texts.filter { $0 == "SELECT * FROM prep_probe WHERE id = $1" }.count == 1)
            #expect(texts.filter { $0 == "INSERT INTO prep_probe (id, note) SELECT * FROM unnest($1, $2)" }.count == 1)
            #expect(!texts.contains { $0.contains("($3, $4)") })
            #expect(prepared.allSatisfy { $0.0.hasPrefix("yb") })
        }
    }

    /// A column added under a prepared `SELECT *` fails that statement once on that connection, which is
    /// then replaced; the next session reads the new column.
    @Test(arguments: backends)
    func aChangedTableCostsOneCallOnTheConnection(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await db.write { sql in
                try await sql.raw("CREATE TABLE prep_probe (id BIGINT PRIMARY KEY, note TEXT)").run()
                try await sql.run(Self.insert, 1, "一")
            }
            await #expect(throws: PSQLError.self) {
                try await db.read { sql in
                    _ = try await sql.first(Self.find, 1)
                    try await sql.raw("ALTER TABLE prep_probe ADD COLUMN extra TEXT NOT NULL DEFAULT '新'").run()
                    _ = try await sql.first(Self.find, 1)
                }
            }
            let extra = try await db.read { sql in try await sql.first(Self.find, 1)?.decode(column: "extra", as: String.self) }
            #expect(extra == "新")
        }
    }
}
