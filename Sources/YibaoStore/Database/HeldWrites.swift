import SQLKit
import Synchronization

/// A session that can hold writes back and send them with its next statement (PostgreSQL's write
/// transactions: `PostgresPreparedSession`).
protocol WriteHolding: SQLDatabase {
    /// Keeps `write` to go out with the next statement of the transaction (or before its COMMIT).
    func hold(_ write: StaticSQL.Bound) async throws
    /// Forgets what is held: the transaction rolls back.
    func discardHeld()
    /// Sends what is held now, on its own.
    func sendHeld() async throws
}

extension SQLDatabase {
    /// Runs `statement` for its effect — at once, or, in a PostgreSQL write transaction, together with
    /// the transaction's next statement as one (`StaticSQL.combining`), so that the writes at the end
    /// of a settlement cost one round trip instead of one each.
    ///
    /// Only for an INSERT, UPDATE or DELETE whose rows no later statement of the same transaction
    /// reads or writes (on PostgreSQL that statement would not see them), and whose failure the caller
    /// does not catch (it surfaces with a later statement and the transaction rolls back, as any
    /// failure does). SQLite's single writer runs it at once: nothing waits on a round trip there.
    public func runDeferred(_ statement: StaticSQL, _ values: any Encodable & Sendable...) async throws {
        try await runDeferred(statement, values: values)
    }

    /// The same with an array of values (a multi-row insert's).
    public func runDeferred(_ statement: StaticSQL, values: [any Encodable & Sendable]) async throws {
        if let holder = writeHolder {
            try await holder.hold(statement.bind(values))
        } else {
            try await run(statement, values: values)
        }
    }

    /// Sends what `runDeferred` holds now, so that the transaction's later statements see it (sent with
    /// the next statement, as one, they would not). For a transaction that reads back what it wrote,
    /// as the synthetic encounter writer's, which makes several HIS calls in one.
    public func sendHeld() async throws {
        try await writeHolder?.sendHeld()
    }

    /// The session that holds writes for this one: itself, or the one a forwarding wrapper (a test's
    /// statement counter) runs on.
    var writeHolder: (any WriteHolding)? {
        if let holder = self as? any WriteHolding { return holder }
        return (self as? any ForwardingSQLDatabase)?.base.writeHolder
    }
}

/// The writes one transaction holds, in the order they were asked for.
final class HeldWrites: Sendable {
    private let writes = Mutex<[StaticSQL.Bound]>([])

    /// Adds `write`; false, adding nothing, when the same statement is held already: the caller sends
    /// what is held first, since two runs of one statement may touch the same row, which one
    /// PostgreSQL statement must not do twice.
    func add(_ write: StaticSQL.Bound) -> Bool {
        writes.withLock { writes in
            guard !writes.contains(where: { $0.statement.postgres == write.statement.postgres }) else { return false }
            writes.append(write)
            return true
        }
    }

    var isEmpty: Bool { writes.withLock { $0.isEmpty } }

    /// Everything held, now no longer held.
    func take() -> [StaticSQL.Bound] {
        writes.withLock { writes in
            defer { writes.removeAll() }
            return writes
        }
    }
}

/// A session that can send a transaction's BEGIN with its first statement (PostgreSQL's write
/// transactions: `PostgresPreparedSession`).
protocol BeginHolding: SQLDatabase {
    /// Keeps `text` (BEGIN) to go out with the next statement; false when this session cannot, and
    /// the caller sends it itself.
    func beginsWithNextStatement(_ text: String) -> Bool
}

/// The BEGIN of one transaction until its first statement takes it.
final class HeldBegin: Sendable {
    private let text = Mutex<String?>(nil)

    func hold(_ begin: String) {
        text.withLock { $0 = begin }
    }

    /// The BEGIN if it has not gone out yet; the first caller takes it.
    func take() -> String? {
        text.withLock { text in
            defer { text = nil }
            return text
        }
    }
}
