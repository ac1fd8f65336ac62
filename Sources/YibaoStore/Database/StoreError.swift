import PostgresNIO
import YibaoCore

/// Storage conditions that are not the client's fault but need a clear operator message.
enum StoreError {
    static func schemaTooNew(database: Int, binary: Int) -> DomainError {
        DomainError(.conflict, code: "SCHEMA_TOO_NEW",
                    message: "数据库结构版本 \(database) 高于本程序支持的 \(binary)，请升级 yibao",
                    messageEn: "database schema version \(database) is newer than this binary's \(binary); upgrade yibao")
    }

    /// PostgreSQL refused the first connection, or was not there to make it.
    static func unreachable(_ url: DatabaseLocation.PostgresURL, _ error: PSQLError) -> DomainError {
        let place = "\(url.host):\(url.port)"
        let said = error.serverInfo?[.message] ?? error.underlying.map { "\($0)" } ?? "\(error.code)"
        switch error.serverInfo?[.sqlState] {
        case "3D000":
            return DomainError(.notFound, code: "DATABASE_MISSING", message: "PostgreSQL（\(place)）上没有数据库 \(url.database)，请先创建",
                               messageEn: "database \(url.database) does not exist on PostgreSQL at \(place); create it first", path: "database")
        case "28000", "28P01":
            return DomainError(.unauthorized, code: "DATABASE_LOGIN", message: "PostgreSQL（\(place)）拒绝用户 \(url.username) 登录：\(said)",
                               messageEn: "PostgreSQL at \(place) refused the login of \(url.username): \(said)", path: "database")
        default:
            return DomainError(code: "DATABASE_UNREACHABLE", message: "无法连接 PostgreSQL（\(place)）：\(said)",
                               messageEn: "cannot connect to PostgreSQL at \(place): \(said)", path: "database")
        }
    }

    /// A row every migrated database has (`table`) is not there: the database was changed by hand.
    static func missingRow(_ table: String) -> DomainError {
        DomainError(.conflict, code: "SCHEMA_ROW_MISSING",
                    message: "数据库缺少必备的行：\(table)（数据库被手工改动，请从备份恢复）",
                    messageEn: "a row every database has is missing from \(table) (changed by hand; restore it from a backup)")
    }
}
