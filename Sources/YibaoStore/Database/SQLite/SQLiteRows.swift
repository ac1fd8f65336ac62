import SQLKit
import SQLiteKit
import SQLiteNIO

/// Column names of one result, shared by all its rows.
struct SQLiteColumns: Sendable {
    let names: [String]

    /// Position of `name`; results have a handful of columns, so a scan beats building a table.
    func index(of name: String) -> Int? { names.firstIndex(of: name) }
}

/// The rows one statement returned, stored flat (row-major) so a result is two allocations.
final class SQLiteRows: Sendable {
    let columns: SQLiteColumns
    let values: [SQLiteData]
    let count: Int

    init(columns: SQLiteColumns, values: [SQLiteData], count: Int) {
        self.columns = columns
        self.values = values
        self.count = count
    }

    func row(_ index: Int, decoder: SQLiteDataDecoder) -> SQLiteResultRow {
        SQLiteResultRow(rows: self, offset: index * columns.names.count, decoder: decoder)
    }
}

/// One row as SQLKit sees it; values decode as with SQLiteNIO (`SQLiteValueConversion`, then SQLiteKit's decoder).
struct SQLiteResultRow: SQLRow {
    let rows: SQLiteRows
    let offset: Int
    let decoder: SQLiteDataDecoder

    var allColumns: [String] { rows.columns.names }

    func contains(column: String) -> Bool { rows.columns.index(of: column) != nil }

    func decodeNil(column: String) throws -> Bool {
        guard let data = value(column) else { return true }
        return data == .null
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let data = value(column) else {
            throw DecodingError.keyNotFound(SQLiteColumnKey(stringValue: column),
                                            .init(codingPath: [], debugDescription: "no column \(column) in the result"))
        }
        do { return try SQLiteValueConversion.value(data, as: D.self) } catch { return try decoder.decode(D.self, from: data) }
    }

    private func value(_ column: String) -> SQLiteData? {
        rows.columns.index(of: column).map { rows.values[offset + $0] }
    }
}

private struct SQLiteColumnKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
