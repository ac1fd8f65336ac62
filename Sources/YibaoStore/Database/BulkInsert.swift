import SQLKit

/// Multi-row INSERTs in the caller's transaction: one statement per up to a thousand rows instead of one
/// round trip (and one statement preparation) per row.
///
/// Rows go in groups of `groupRows` (fewer if that many would pass `maxBinds` parameters; SQLite allows
/// 32,766, PostgreSQL 65,535), then one statement for the rest, as `StaticSQL` texts: a full group's text
/// is the same every time, so SQLite prepares it once, and nothing re-serialises it (with SQLKit's
/// builder, a crediting run on SQLite was slower batched than row by row).
enum BulkInsert {
    typealias Value = any Encodable & Sendable
    static let maxBinds = 30_000
    static let groupRows = 1_000

    /// Inserts `rows`; `conflict` names the unique columns whose clash skips the row (ON CONFLICT DO
    /// NOTHING), and `returning` the columns to read back from the rows actually written.
    @discardableResult
    static func insert(into table: String, columns: [String], rows: [[Value]], ignoringConflictsOn conflict: [String]? = nil,
                       returning: [String] = [], in db: any SQLDatabase) async throws -> [any SQLRow] {
        let suffix = (conflict.map { "ON CONFLICT (\($0.joined(separator: ", "))) DO NOTHING" } ?? "")
            + (returning.isEmpty ? "" : " RETURNING " + returning.joined(separator: ", "))
        let perStatement = max(1, min(groupRows, maxBinds / columns.count))
        var written: [any SQLRow] = []
        var start = 0
        while start < rows.count {
            let end = min(start + perStatement, rows.count)
            let statement = StaticSQL.insert(into: table, columns: columns, rows: end - start, then: suffix)
            let values = rows[start..<end].flatMap { $0 }
            if returning.isEmpty {
                try await db.run(statement, values: values)
            } else {
                written += try await db.rows(statement, values: values)
            }
            start = end
        }
        return written
    }
}
