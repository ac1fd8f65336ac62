import SQLKit

/// Multi-row INSERTs in the caller's transaction: one statement per few thousand rows instead of one
/// round trip (and one statement preparation) per row. Rows are split so that no statement carries more
/// than `maxBinds` parameters (SQLite allows 32,766, PostgreSQL 65,535).
enum BulkInsert {
    typealias Value = any Encodable & Sendable
    static let maxBinds = 30_000

    /// Inserts `rows`; `conflict` names the unique columns whose clash skips the row (ON CONFLICT DO
    /// NOTHING), and `returning` the columns to read back from the rows actually written.
    @discardableResult
    static func insert(into table: String, columns: [String], rows: [[Value]], ignoringConflictsOn conflict: [String]? = nil,
                       returning: [String] = [], in db: any SQLDatabase) async throws -> [any SQLRow] {
        guard !rows.isEmpty else { return [] }
        let perStatement = max(1, maxBinds / columns.count)
        var written: [any SQLRow] = []
        var start = 0
        while start < rows.count {
            let end = min(start + perStatement, rows.count)
            var insert = db.insert(into: table).columns(columns)
            for row in rows[start..<end] { insert = insert.values(row.map { SQLBind($0) }) }
            if let conflict { insert = insert.ignoringConflicts(with: conflict) }
            if returning.isEmpty {
                try await insert.run()
            } else {
                written += try await insert.returning(returning.map { SQLColumn($0) }).all()
            }
            start = end
        }
        return written
    }
}
