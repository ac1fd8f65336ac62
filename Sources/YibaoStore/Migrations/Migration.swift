/// One forward-only schema step. Versions are numbered densely from 1; an applied version is never
/// edited (a fix is a new migration). Statements are written once in the SQL both databases share;
/// `{{...}}` placeholders carry the few spellings that differ (see `SQLSpelling`). Where the two
/// databases need different statements altogether (triggers), a migration gives PostgreSQL its own.
public struct Migration: Sendable {
    public var version: Int
    public var name: String
    /// The statements for both databases, or SQLite's alone when `postgresStatements` is set.
    public var statements: [String]
    public var postgresStatements: [String]?

    public init(_ version: Int, _ name: String, _ statements: [String]) {
        self.version = version
        self.name = name
        self.statements = statements
    }

    public init(_ version: Int, _ name: String, sqlite: [String], postgres: [String]) {
        self.init(version, name, sqlite)
        postgresStatements = postgres
    }

    /// What runs on `dialect`, placeholders rendered.
    func statements(for dialect: DatabaseDialect) -> [String] {
        let own = dialect == .postgres ? postgresStatements ?? statements : statements
        return own.map { SQLSpelling.render($0, for: dialect) }
    }
}

/// The dialect-dependent spellings a migration may use.
enum SQLSpelling {
    static func render(_ statement: String, for dialect: DatabaseDialect) -> String {
        switch dialect {
        case .sqlite:
            return statement
                .replacingAll("{{blob}}", with: "BLOB")
        case .postgres:
            return statement
                .replacingAll("{{blob}}", with: "BYTEA")
        }
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
