import Logging
import NIOCore
import PostgresKit
import PostgresNIO
import SQLKit
import Synchronization

/// A session on one pooled PostgreSQL connection that runs `StaticSQL` as named prepared statements and
/// everything else through the connection's own SQLKit session.
///
/// Why: through SQLKit, postgres-nio sends every query unnamed, and PostgreSQL parses, analyses and
/// plans it afresh each time. On the settlement path that was 41 % of PostgreSQL's CPU (`perf`:
/// planning 25 %, parsing and analysis 16 %) for statements whose text never changes. postgres-nio
/// prepares a named statement on a connection the first time it runs there and afterwards only binds
/// and executes it; PostgreSQL keeps its plan (after five executions a generic one, unless that costs
/// more than custom ones).
///
/// The parameter types sent are the bound values' own, as on the unnamed path, so a statement means
/// the same either way; the name stands for the text and those types together (a nil is untyped, so a
/// statement run with a nil and with a value is prepared twice). Values that are not
/// `PostgresEncodable` (none on the settlement path), long lists and multi-row inserts that cannot go
/// as column arrays (`ColumnArrays`) go the unnamed way.
///
/// A prepared `SELECT *` keeps its columns: a server still running while another migrates a table it
/// reads gets "cached plan must not change result type" once per connection (the connection is then
/// replaced). Migrations come with a new version of the server, which restarts anyway.
///
/// In a write transaction it also holds the writes asked for with `runDeferred` and sends them with the
/// next statement, as one (`StaticSQL.combining`), or on their own just before a statement that cannot
/// take them (COMMIT). It holds the BEGIN too (`beginsWithNextStatement`).
struct PostgresPreparedSession: ForwardingSQLDatabase, WriteHolding, BeginHolding, StatementOrdering {
    let base: any SQLDatabase
    let connection: PostgresConnection
    let names: PostgresStatementNames
    /// The writes held back; nil outside a write transaction (each statement runs as asked).
    var held: HeldWrites?
    /// A BEGIN not sent yet; nil outside a write transaction.
    var begin: HeldBegin?

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        eventLoop.makeFutureWithTask { try await self.execute(sql: query, onRow) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        let query: any SQLExpression = (query as? StaticSQL.Bound)?.inColumnArrays ?? query
        if let text = begin?.take() {
            try await send(begin: text, before: query, onRow)
            return
        }
        let writes = held?.take() ?? []
        if !writes.isEmpty, let bound = query as? StaticSQL.Bound, let combined = StaticSQL.combining(writes, then: bound) {
            return try await send(combined, onRow)
        }
        try await send(writes)
        try await send(query, onRow)
    }

    func beginsWithNextStatement(_ text: String) -> Bool {
        guard let begin else { return false }
        begin.hold(text)
        return true
    }

    /// The transaction's BEGIN and its first statement. When that statement is a SELECT and nothing is
    /// held, both go to the connection before either answer is awaited (a round trip fewer a write
    /// transaction); BEGIN's error comes first. Should BEGIN fail and the SELECT run outside any
    /// transaction, it has written nothing. Anything else waits for BEGIN's answer, as before.
    private func send(begin text: String, before query: any SQLExpression,
                      _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        let start = SQLQueryString(text)
        guard let bound = query as? StaticSQL.Bound, bound.statement.isSelect, held?.isEmpty ?? true else {
            try await base.raw(start).run()
            return try await execute(sql: query, onRow)
        }
        _ = try await together({ try await base.raw(start).run() }, { try await send(bound, onRow) })
    }

    func hold(_ write: StaticSQL.Bound) async throws {
        let write = write.inColumnArrays
        guard let held else { return try await send(write) { _ in } }
        if !held.add(write) {
            // The same statement is held already: what is held goes first, on its own.
            try await send(held.take())
            _ = held.add(write)
        }
    }

    /// Held writes on their own: the last of them (a write, so it can take a WITH) after the others.
    private func send(_ writes: [StaticSQL.Bound]) async throws {
        guard let last = writes.last else { return }
        try await send(StaticSQL.combining(Array(writes.dropLast()), then: last)!) { _ in }
    }

    func sendHeld() async throws {
        let writes = held?.take() ?? []
        guard !writes.isEmpty else { return }
        if let text = begin?.take() { try await base.raw(SQLQueryString(text)).run() }
        try await send(writes)
    }

    func discardHeld() {
        _ = held?.take()
        _ = begin?.take()
    }

    private func send(_ query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        guard let bound = query as? StaticSQL.Bound, bound.statement.preparable,
              let (bindings, types) = try Self.bindings(bound.values) else {
            return try await base.execute(sql: query, onRow)
        }
        let identity = NamedStatement.Identity(name: names.name(bound.statement.postgres, types), sql: bound.statement.postgres,
                                               types: types)
        do {
            let rows = try await NamedStatement.$current.withValue(identity) {
                try await connection.execute(NamedStatement(bindings: bindings), logger: logger)
            }
            for try await row in rows { onRow(row.sql()) }
            names.markPrepared(identity.name, on: connection.id)
        } catch let error as PSQLError where Self.isStalePlan(error) {
            // A migration changed the columns of a table under a statement prepared on this connection
            // (`SELECT *`). The statement cannot be used here again: the connection is closed, so that
            // the pool replaces it, and this call fails once.
            try? await connection.close()
            throw error
        }
    }

    /// Whether postgres-nio sends `bound` in the order asked: a statement prepared on this connection
    /// already goes out in turn; one run here for the first time is prepared first and sent after
    /// whatever was queued meanwhile.
    func sendsInTurn(_ bound: StaticSQL.Bound) -> Bool {
        let bound = bound.inColumnArrays
        guard bound.statement.preparable, let (_, types) = try? Self.bindings(bound.values) else { return true }
        return names.isPrepared(names.name(bound.statement.postgres, types), on: connection.id)
    }

    static func isStalePlan(_ error: PSQLError) -> Bool {
        error.serverInfo?[.sqlState] == "0A000" && error.serverInfo?[.message]?.contains("cached plan must not change result type") == true
    }

    /// The values as postgres-nio bindings with their types; nil when one is not `PostgresEncodable`.
    static func bindings(_ values: [any Encodable & Sendable]) throws -> (PostgresBindings, [PostgresDataType])? {
        var bindings = PostgresBindings(capacity: values.count)
        var types: [PostgresDataType] = []
        types.reserveCapacity(values.count)
        for value in values {
            guard let type = try append(value, to: &bindings) else { return nil }
            types.append(type)
        }
        return (bindings, types)
    }

    /// Appends one value (opened from its existential) and returns its type. An optional is bound as
    /// its value, or as an untyped null (PostgreSQL takes the type from the statement), as on the
    /// unnamed path.
    private static func append<T: Encodable>(_ value: T, to bindings: inout PostgresBindings) throws -> PostgresDataType? {
        if let optional = value as? any OptionalBinding {
            guard let wrapped = optional.wrappedBinding else {
                bindings.appendNull()
                return .null
            }
            return try append(wrapped, to: &bindings)
        }
        guard let encodable = value as? any PostgresThrowingDynamicTypeEncodable else { return nil }
        try bindings.append(encodable)
        return encodable.psqlType
    }
}

/// Statement names, one per (text, parameter types), shared by every connection of one store: postgres-nio
/// remembers per connection which names it has prepared there.
final class PostgresStatementNames: Sendable {
    private struct Key: Hashable {
        var text: String
        var types: [PostgresDataType]
    }
    private let names = Mutex<[Key: String]>([:])
    private struct Prepared: Hashable {
        var name: String
        var connection: PostgresConnection.ID
    }
    /// The names run on each connection (`PostgresPreparedSession.sendsInTurn`); forgotten beyond a
    /// bound, as connections are replaced (forgetting one only costs a round trip).
    private let prepared = Mutex<Set<Prepared>>([])
    private static let preparedLimit = 65_536

    func markPrepared(_ name: String, on connection: PostgresConnection.ID) {
        prepared.withLock { prepared in
            if prepared.count >= Self.preparedLimit { prepared.removeAll() }
            prepared.insert(Prepared(name: name, connection: connection))
        }
    }

    func isPrepared(_ name: String, on connection: PostgresConnection.ID) -> Bool {
        prepared.withLock { $0.contains(Prepared(name: name, connection: connection)) }
    }

    func name(_ text: String, _ types: [PostgresDataType]) -> String {
        let key = Key(text: text, types: types)
        return names.withLock { names in
            if let known = names[key] { return known }
            let made = "yb\(names.count)"
            names[key] = made
            return made
        }
    }
}

/// postgres-nio's prepared statement protocol takes the name, text and parameter types as static members
/// (one Swift type per statement). `execute` reads them once, synchronously, when it starts (and again
/// for an error's description); this one type serves every `StaticSQL` by reading them from a task-local
/// value bound around that call. Reading them anywhere else is a programming error and stops.
private struct NamedStatement: PostgresPreparedStatement {
    struct Identity: Sendable {
        var name: String
        var sql: String
        var types: [PostgresDataType]
    }

    @TaskLocal static var current: Identity?

    static var name: String { identity.name }
    static var sql: String { identity.sql }
    static var bindingDataTypes: [PostgresDataType] { identity.types }
    private static var identity: Identity {
        guard let current else { preconditionFailure("NamedStatement's name or text read outside its execute call") }
        return current
    }

    let bindings: PostgresBindings

    func makeBindings() throws -> PostgresBindings { bindings }
    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
}
