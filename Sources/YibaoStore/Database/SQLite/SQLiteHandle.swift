import VaporCSQLite
import NIOCore
import SQLiteNIO

/// One SQLite connection driven directly through the C API, with its prepared statements kept by
/// SQL text. The library is the SQLite that SQLiteNIO compiles in (`VaporCSQLite`, its functions
/// prefixed `sqlite_nio_`), so there is one SQLite in the binary and nothing to install.
///
/// Why not SQLiteNIO's connection: it prepares every statement afresh and hops each statement to a
/// thread pool and each row back to an event loop. A settlement issues a few dozen short statements,
/// so those hops and re-preparations were most of its cost. Here a statement runs on the calling
/// thread (microseconds; WAL commits do not fsync with `synchronous=NORMAL`), and SQLKit's queries,
/// whose text repeats exactly, reuse their compiled form.
///
/// Not thread-safe on its own: the `Mutex` in `SQLiteSession` (and the store's checkout of readers)
/// gives each handle to one caller at a time.
final class SQLiteHandle {
    private var raw: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]
    /// Compiled statements kept at most; the application's query texts are far fewer.
    private static let cacheLimit = 512

    init(path: String, readOnly: Bool) throws {
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        var handle: OpaquePointer?
        let status = sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil)
        guard status == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite_nio_sqlite3_close_v2(handle)
            throw SQLiteHandleError(code: status, message: "open \(path): \(message)")
        }
        raw = handle
        sqlite_nio_sqlite3_extended_result_codes(handle, 1)
        // First, so that the pragmas after it wait for a lock as every statement does.
        try execute("PRAGMA busy_timeout=5000")
        if !readOnly { try execute("PRAGMA journal_mode=WAL") }
        try execute("PRAGMA synchronous=NORMAL")
        try execute("PRAGMA foreign_keys=ON")
        if readOnly { try execute("PRAGMA query_only=1") }
    }

    deinit { close() }

    func close() {
        for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
        statements.removeAll()
        sqlite_nio_sqlite3_close_v2(raw)
        raw = nil
    }

    /// Runs one statement with `binds` and returns its rows (column names are shared by every row).
    @discardableResult
    func execute(_ sql: String, _ binds: [SQLiteData] = []) throws -> SQLiteRows {
        let statement = try prepared(sql)
        // No `sqlite3_clear_bindings`: every parameter is bound again below, and clearing expires any
        // statement whose plan looked at a bound value (`LIMIT ?`), forcing a re-preparation each run.
        defer { sqlite_nio_sqlite3_reset(statement) }
        for (index, value) in binds.enumerated() {
            try check(bind(value, at: Int32(index + 1), to: statement), sql)
        }
        let count = sqlite_nio_sqlite3_column_count(statement)
        let columns = (0..<count).map { String(cString: sqlite_nio_sqlite3_column_name(statement, $0)) }
        var values: [SQLiteData] = []
        var rows = 0
        while true {
            let status = sqlite_nio_sqlite3_step(statement)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else { throw error(status, sql) }
            for column in 0..<count { values.append(value(of: statement, at: column)) }
            rows += 1
        }
        return SQLiteRows(columns: SQLiteColumns(names: columns), values: values, count: rows)
    }

    private func prepared(_ sql: String) throws -> OpaquePointer {
        if let statement = statements[sql] { return statement }
        if statements.count >= Self.cacheLimit {
            for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
            statements.removeAll(keepingCapacity: true)
        }
        var statement: OpaquePointer?
        let status = sqlite_nio_sqlite3_prepare_v3(raw, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard status == SQLITE_OK, let statement else { throw error(status, sql) }
        statements[sql] = statement
        return statement
    }

    private func bind(_ value: SQLiteData, at index: Int32, to statement: OpaquePointer) -> Int32 {
        switch value {
        case .integer(let integer):
            return sqlite_nio_sqlite3_bind_int64(statement, index, Int64(integer))
        case .float(let double):
            return sqlite_nio_sqlite3_bind_double(statement, index, double)
        case .text(let string):
            return sqlite_nio_sqlite3_bind_text64(statement, index, string, UInt64(string.utf8.count), Self.transient, UInt8(SQLITE_UTF8))
        case .blob(let buffer):
            return buffer.withUnsafeReadableBytes {
                sqlite_nio_sqlite3_bind_blob64(statement, index, $0.baseAddress, UInt64($0.count), Self.transient)
            }
        case .null:
            return sqlite_nio_sqlite3_bind_null(statement, index)
        }
    }

    private func value(of statement: OpaquePointer, at column: Int32) -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER:
            return .integer(Int(sqlite_nio_sqlite3_column_int64(statement, column)))
        case SQLITE_FLOAT:
            return .float(sqlite_nio_sqlite3_column_double(statement, column))
        case SQLITE_TEXT:
            let bytes = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            guard let text = sqlite_nio_sqlite3_column_text(statement, column) else { return .text("") }
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: bytes), as: UTF8.self))
        case SQLITE_BLOB:
            let bytes = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            var buffer = ByteBufferAllocator().buffer(capacity: bytes)
            if let blob = sqlite_nio_sqlite3_column_blob(statement, column) {
                buffer.writeBytes(UnsafeRawBufferPointer(start: blob, count: bytes))
            }
            return .blob(buffer)
        default:
            return .null
        }
    }

    private func check(_ status: Int32, _ sql: String) throws {
        guard status == SQLITE_OK else { throw error(status, sql) }
    }

    private func error(_ status: Int32, _ sql: String) -> SQLiteHandleError {
        SQLiteHandleError(code: status, message: String(cString: sqlite_nio_sqlite3_errmsg(raw)) + " — in: " + sql.prefix(200))
    }

    /// SQLITE_TRANSIENT: SQLite copies the bound bytes before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

/// An SQLite failure: the result code (extended) and SQLite's own message with the statement.
struct SQLiteHandleError: Error, CustomStringConvertible {
    var code: Int32
    var message: String
    var description: String { "SQLite error \(code): \(message)" }
}
