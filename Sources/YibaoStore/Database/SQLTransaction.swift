import SQLKit

/// BEGIN … COMMIT around `body` on one session, ROLLBACK if it throws: the one place both drivers
/// get transaction boundaries from, so neither can forget the rollback.
enum SQLTransaction {
    static func run<T: Sendable>(on db: any SQLDatabase, begin: String,
                                 _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await db.raw(SQLQueryString(begin)).run()
        do {
            let result = try await body(db)
            try await db.raw("COMMIT").run()
            return result
        } catch {
            try? await db.raw("ROLLBACK").run()
            throw error
        }
    }
}
