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
    private(set) var postgres: String
    let sqlite: String
    /// Whether PostgreSQL runs it as a named prepared statement (`PostgresPreparedSession`): fixed texts
    /// and short lists do; long lists and multi-row inserts in their `VALUES` form (one text per row
    /// count, most run a few times) are sent unnamed. A multi-row insert's column-array form is a fixed text.
    let preparable: Bool
    /// Whether the text is a `SELECT` (locking or not), which writes nothing even when run outside
    /// the transaction it was meant for (`PostgresPreparedSession` sends BEGIN together with one).
    /// The project's SELECTs call no functions that write.
    let isSelect: Bool
    /// A multi-row insert's form for PostgreSQL, one array a column (`ColumnArrays`); nil for any other statement.
    private(set) var columnArrays: ColumnArrays?

    /// `text` uses PostgreSQL's `$1 … $n`; it must not contain a `$` anywhere else.
    public init(_ text: String) {
        self.init(text, preparable: true)
    }

    /// `text` (a SELECT) with ` FOR UPDATE` on PostgreSQL, so its rows stay locked for the rest of the
    /// transaction; SQLite's single writer already serialises writes (`rowLock`).
    public init(locking text: String) {
        self.init(text, preparable: true)
        postgres += " FOR UPDATE"
    }

    init(_ text: String, preparable: Bool) {
        postgres = text
        // Byte by byte: a combined PostgreSQL statement is made on every settlement, and mapping its
        // Characters (grapheme breaking) cost 2 % of the server's CPU at one client.
        sqlite = String(decoding: text.utf8.map { $0 == UInt8(ascii: "$") ? UInt8(ascii: "?") : $0 }, as: UTF8.self)
        self.preparable = preparable
        isSelect = text.utf8.drop(while: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\n") }).starts(with: "SELECT ".utf8)
    }

    /// `INSERT INTO table (columns) VALUES (…), (…)` for `rows` rows: a multi-row insert whose text
    /// depends only on the row count, bound with the rows' values one after the other. Texts are kept
    /// once made: a 50-line bill's is some 550 placeholders, too many to write out on every call.
    /// `suffix` follows the rows (`ON CONFLICT … DO NOTHING RETURNING …`). PostgreSQL is sent the rows
    /// as column arrays where it can (`ColumnArrays`), as one text whatever their number.
    public static func insert(into table: String, columns: [String], rows: Int, then suffix: String = "") -> StaticSQL {
        shaped(Shape(text: table + " " + suffix, columns: columns, count: rows)) {
            let head = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
            let tuples = (0..<rows).map { row in "(" + placeholders(from: row * columns.count + 1, count: columns.count) + ")" }
            var made = StaticSQL(head + tuples.joined(separator: ", ") + (suffix.isEmpty ? "" : " " + suffix), preparable: false)
            made.columnArrays = ColumnArrays(table: table, columns: columns, suffix: suffix)
            return made
        }
    }

    /// `head IN (…)` for a list of `count` values, where `head` uses `$1 … $fixed` itself: bound with
    /// those values first and the list's after. The text depends only on the list's length, so lists
    /// of up to `preparedListLimit` values are prepared on PostgreSQL like fixed texts.
    public static func list(_ head: String, fixed: Int, count: Int) -> StaticSQL {
        shaped(Shape(text: head, columns: [], count: count)) {
            StaticSQL(head + " IN (" + placeholders(from: fixed + 1, count: count) + ")", preparable: count <= preparedListLimit)
        }
    }
    static let preparedListLimit = 64

    private static func placeholders(from first: Int, count: Int) -> String {
        (first..<(first + count)).map { "$\($0)" }.joined(separator: ", ")
    }

    private struct Shape: Hashable {
        var text: String
        var columns: [String]
        var count: Int
    }
    private static let shapes = Mutex<[Shape: StaticSQL]>([:])
    /// Shapes kept at most (statements × counts seen); the cache starts over beyond it.
    private static let shapeLimit = 2_048

    private static func shaped(_ shape: Shape, _ make: () -> StaticSQL) -> StaticSQL {
        if let known = shapes.withLock({ $0[shape] }) { return known }
        let made = make()
        shapes.withLock { texts in
            if texts.count >= shapeLimit { texts.removeAll() }
            texts[shape] = made
        }
        return made
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
        try await rows(statement, values: values)
    }

    /// Every row of `statement` run with an array of values (a list's).
    public func rows(_ statement: StaticSQL, values: [any Encodable & Sendable]) async throws -> [any SQLRow] {
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
