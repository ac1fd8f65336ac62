import PostgresNIO

/// What an operator needs to read from a database error. postgres-nio's `PSQLError` describes itself
/// generically, so that logs do not carry a query's values; a command's operator runs it against
/// their own database and needs PostgreSQL's own message, SQLSTATE and detail to act on it.
public enum DatabaseErrorText {
    /// nil for an error that is not PostgreSQL's (it describes itself well enough).
    public static func describe(_ error: any Error) -> String? {
        guard let error = error as? PSQLError else { return nil }
        guard let info = error.serverInfo else {
            return "PostgreSQL \(error.code)" + (error.underlying.map { ": \(String(describing: $0))" } ?? "")
        }
        return "PostgreSQL \(info[.sqlState] ?? "")：\(info[.message] ?? "")"
            + (info[.detail].map { "（\($0)）" } ?? "") + (info[.hint].map { " 提示 / hint: \($0)" } ?? "")
    }
}
