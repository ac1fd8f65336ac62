/// One forward-only schema step. Versions are numbered densely from 1; an applied version is never
/// edited (a fix is a new migration). Statements are written once in the SQL both databases share;
/// `{{...}}` placeholders carry the few spellings that differ (see `SQLSpelling`).
public struct Migration: Sendable {
    public var version: Int
    public var name: String
    public var statements: [String]

    public init(_ version: Int, _ name: String, _ statements: [String]) {
        self.version = version
        self.name = name
        self.statements = statements
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
