import SQLKit

extension SQLDatabase {
    /// ` FOR UPDATE` on PostgreSQL, nothing on SQLite (its single writer already serialises writes): the
    /// suffix of a SELECT whose row must stay locked for the rest of the transaction, when `lock`.
    func rowLock(_ lock: Bool = true) -> String {
        lock && dialect.name == "postgresql" ? " FOR UPDATE" : ""
    }
}
