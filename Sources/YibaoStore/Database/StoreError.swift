import YibaoCore

/// Storage conditions that are not the client's fault but need a clear operator message.
enum StoreError {
    static func schemaTooNew(database: Int, binary: Int) -> DomainError {
        DomainError(.conflict, code: "SCHEMA_TOO_NEW",
                    message: "数据库结构版本 \(database) 高于本程序支持的 \(binary)，请升级 yibao",
                    messageEn: "database schema version \(database) is newer than this binary's \(binary); upgrade yibao")
    }
}
