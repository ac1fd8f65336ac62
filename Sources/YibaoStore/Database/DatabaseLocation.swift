import YibaoCore

/// Where the data lives, as given to `--database`: a file path for SQLite or a `postgres://` URL.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresURL)

    public struct PostgresURL: Sendable, Equatable {
        public var host: String
        public var port: Int
        public var username: String
        public var password: String?
        public var database: String
        /// Connections the pool keeps at most (`?pool_max_conns=N`, the name pgx uses).
        public var poolMaxConnections = PostgresURL.defaultPoolMaxConnections
        public static let defaultPoolMaxConnections = 16
    }

    /// Parses `yibao.sqlite`, `/var/lib/yibao/data.sqlite`, `sqlite:path`, or
    /// `postgres://user:pass@host:5432/db` (also `postgresql://`).
    public static func parse(_ text: String) throws(DomainError) -> DatabaseLocation {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            return .postgres(try parsePostgres(text))
        }
        let path = text.hasPrefix("sqlite:") ? String(text.dropFirst("sqlite:".count)) : text
        guard !path.isEmpty else {
            throw DomainError(code: "DATABASE_LOCATION", message: "数据库位置为空", messageEn: "database location is empty", path: "database")
        }
        return .sqlite(path: path)
    }

    private static func parsePostgres(_ text: String) throws(DomainError) -> PostgresURL {
        let bad = DomainError(code: "DATABASE_URL", message: "PostgreSQL 地址格式错误，应为 postgres://用户:密码@主机:端口/库名",
                              messageEn: "PostgreSQL URL must look like postgres://user:password@host:port/database", path: "database")
        let rest = text.split(separator: "://", maxSplits: 1).last.map(String.init) ?? ""
        guard let slash = rest.firstIndex(of: "/") else { throw bad }
        let authority = rest[..<slash]
        let path = rest[rest.index(after: slash)...].split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let database = String(path.first ?? "")
        guard !database.isEmpty else { throw bad }
        let pool = try poolMaxConnections(path.count > 1 ? path[1] : "")
        var userInfo: Substring = ""
        var hostPort = authority
        if let at = authority.lastIndex(of: "@") {
            userInfo = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
        }
        let userParts = userInfo.split(separator: ":", maxSplits: 1).map { String($0).removingPercentEncodingSimple() }
        let hostParts = hostPort.split(separator: ":", maxSplits: 1)
        guard let host = hostParts.first, !host.isEmpty else { throw bad }
        var port = 5432
        if hostParts.count == 2 {
            guard let p = Int(hostParts[1]), (1...65535).contains(p) else { throw bad }
            port = p
        }
        return PostgresURL(host: String(host), port: port,
                           username: userParts.first ?? "postgres",
                           password: userParts.count > 1 ? userParts[1] : nil,
                           database: database, poolMaxConnections: pool)
    }

    /// `pool_max_conns` from the URL's query (1…1,000; the default when absent). Other parameters are
    /// left alone, as before: TLS is not negotiated by Yibao whatever `sslmode` says.
    private static func poolMaxConnections(_ query: Substring) throws(DomainError) -> Int {
        let pairs = query.split(separator: "&").map { $0.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false) }
        guard let pair = pairs.last(where: { $0.first == "pool_max_conns" }) else { return PostgresURL.defaultPoolMaxConnections }
        guard pair.count == 2, let count = Int(pair[1]), (1...1_000).contains(count) else {
            throw DomainError(code: "DATABASE_URL", message: "pool_max_conns 须为 1 至 1000 的整数：“\(pair.dropFirst().joined())”",
                              messageEn: "pool_max_conns must be a whole number from 1 to 1000: \"\(pair.dropFirst().joined())\"",
                              path: "database")
        }
        return count
    }

    /// Printable without the password.
    public var description: String {
        switch self {
        case .sqlite(let path): return "sqlite:\(path)"
        case .postgres(let url):
            let pool = url.poolMaxConnections == PostgresURL.defaultPoolMaxConnections ? "" : "?pool_max_conns=\(url.poolMaxConnections)"
            return "postgres://\(url.username)@\(url.host):\(url.port)/\(url.database)\(pool)"
        }
    }
}

extension String {
    /// Decodes `%XX` escapes (passwords in URLs) without Foundation.
    func removingPercentEncodingSimple() -> String {
        var bytes: [UInt8] = []
        var it = Array(utf8)[...]
        while let b = it.popFirst() {
            if b == UInt8(ascii: "%"), it.count >= 2,
               let v = UInt8(String(decoding: it.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(v)
                it = it.dropFirst(2)
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
