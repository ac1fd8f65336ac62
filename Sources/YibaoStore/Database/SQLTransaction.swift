import SQLKit

/// BEGIN … COMMIT around `body` on one session, ROLLBACK if it throws: the one place both drivers
/// get transaction boundaries from, so neither can forget the rollback.
enum SQLTransaction {
    /// True while a transaction's body runs. Asking the store for another session from inside one is a
    /// bug: on PostgreSQL the second connection comes from the same pool, and once every pooled
    /// connection is held by a transaction waiting for a second, nothing moves again. Debug builds (the
    /// tests) stop at the nested call; the body should pass its own `db` down instead.
    @TaskLocal static var isOpen = false

    static func assertNotNested() {
        assert(!isOpen, "a database session asked for inside a transaction: pass the transaction's db instead")
    }

    static func run<T: Sendable>(on db: any SQLDatabase, begin: String,
                                 _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        assertNotNested()
        let holdsBegin = (db as? any BeginHolding)?.beginsWithNextStatement(begin) ?? false
        if !holdsBegin { try await db.raw(SQLQueryString(begin)).run() }
        do {
            let result = try await $isOpen.withValue(true) { try await body(db) }
            try await db.raw("COMMIT").run()
            return result
        } catch {
            db.writeHolder?.discardHeld() // held writes (and a BEGIN not sent) must not go out ahead of the ROLLBACK
            try? await db.raw("ROLLBACK").run()
            throw error
        }
    }
}
