import SQLKit
import Synchronization

/// A statement whose SQL text is fixed where it is written, with `$1 … $n` placeholders.
///
/// Why: SQLKit's builders rebuild and re-serialise the same text on every call (quoting and escaping
/// each identifier), which cost a fifth of the server's CPU on the settlement path although only the
/// bound values change. Hot-path statements are therefore written once as `static let` text; each call
/// only binds values. SQLite reads `?NNN` as numbered parameters, so its text is the same with `$`
/// replaced: one statement text, two dialects, and the driver's prepared-statement cache keyed by it.
public struct StaticSQL: Sendable {
    let postgres: String
    let sqlite: String
    /// Whether PostgreSQL runs it as a named prepared statement (`PostgresPreparedSession`): fixed texts
    /// do; the multi-row inserts, one text per row count, are sent unnamed.
    let preparable: Bool

    /// `text` uses PostgreSQL's `$1 … $n`; it must not contain a `$` anywhere else.
    public init(_ text: String) {
        postgres = text
        sqlite = String(text.map { $0 == "$" ? "?" : $0 })
        preparable = true
    }

    init(postgres: String, sqlite: String) {
        self.postgres = postgres
        self.sqlite = sqlite
        preparable = false
    }

    /// `INSERT INTO table (columns) VALUES (…), (…)` for `rows` rows: a multi-row insert whose text
    /// depends only on the row count, bound with the rows' values one after the other. Texts are kept
    /// once made: a 50-line bill's is some 550 placeholders, too many to write out on every call.
    public static func insert(into table: String, columns: [String], rows: Int) -> StaticSQL {
        let key = InsertShape(table: table, columns: columns, rows: rows)
        if let known = insertTexts.withLock({ $0[key] }) { return known }
        let made = makeInsert(into: table, columns: columns, rows: rows)
        insertTexts.withLock { texts in
            if texts.count >= insertTextLimit { texts.removeAll() }
            texts[key] = made
        }
        return made
    }

    private struct InsertShape: Hashable {
        var table: String
        var columns: [String]
        var rows: Int
    }
    private static let insertTexts = Mutex<[InsertShape: StaticSQL]>([:])
    /// Shapes kept at most (tables × row counts seen); the cache starts over beyond it.
    private static let insertTextLimit = 2_048

    private static func makeInsert(into table: String, columns: [String], rows: Int) -> StaticSQL {
        let head = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        var postgres = head, sqlite = head
        for row in 0..<rows {
            let separator = row == 0 ? "(" : ", ("
            postgres += separator
            sqlite += separator
            for column in 1...columns.count {
                let number = String(row * columns.count + column)
                let comma = column == columns.count ? ")" : ", "
                postgres += "$" + number + comma
                sqlite += "?" + number + comma
            }
        }
        return StaticSQL(postgres: postgres, sqlite: sqlite)
    }

    /// The statement with its values, ready for `SQLDatabase.execute(sql:_:)`.
    public func bind(_ values: [any Encodable & Sendable]) -> Bound {
        Bound(statement: self, values: values)
    }

    public struct Bound: SQLExpression {
        let statement: StaticSQL
        let values: [any Encodable & Sendable]

        public func serialize(to serializer: inout SQLSerializer) {
            serializer.write(serializer.dialect.name == "sqlite" ? statement.sqlite : statement.postgres)
            serializer.binds.append(contentsOf: values)
        }
    }
}

extension SQLDatabase {
    /// Every row of `statement` run with `values`.
    public func rows(_ statement: StaticSQL, _ values: any Encodable & Sendable...) async throws -> [any SQLRow] {
        nonisolated(unsafe) var rows: [any SQLRow] = []
        try await execute(sql: statement.bind(values)) { rows.append($0) }
        return rows
    }

    /// The first row of `statement`, if any (write `LIMIT 1` in the text when more could match).
    public func first(_ statement: StaticSQL, _ values: any Encodable & Sendable...) async throws -> (any SQLRow)? {
        nonisolated(unsafe) var first: (any SQLRow)?
        try await execute(sql: statement.bind(values)) { row in if first == nil { first = row } }
        return first
    }

    /// Runs `statement` for its effect.
    public func run(_ statement: StaticSQL, _ values: any Encodable & Sendable...) async throws {
        try await run(statement, values: values)
    }

    /// Runs `statement` with an array of values (a multi-row insert's).
    public func run(_ statement: StaticSQL, values: [any Encodable & Sendable]) async throws {
        try await execute(sql: statement.bind(values)) { _ in }
    }
}
