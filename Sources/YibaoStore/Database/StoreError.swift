import YibaoCore

/// Storage conditions that are not the client's fault but need a clear operator message.
enum StoreError {
    static func schemaTooNew(database: Int, binary: Int) -> DomainError {
        DomainError(.conflict, code: "SCHEMA_TOO_NEW",
                    message: "数据库结构版本 \(database) 高于本程序支持的 \(binary)，请升级 yibao",
                    messageEn: "database schema version \(database) is newer than this binary's \(binary); upgrade yibao")
    }

    /// A row every migrated database has (`table`) is not there: the database was changed by hand.
    static func missingRow(_ table: String) -> DomainError {
        DomainError(.conflict, code: "SCHEMA_ROW_MISSING",
                    message: "数据库缺少必备的行：\(table)（数据库被手工改动，请从备份恢复）",
                    messageEn: "a row every database has is missing from \(table) (changed by hand; restore it from a backup)")
    }
}
