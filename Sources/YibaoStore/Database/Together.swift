import SQLKit

extension SQLDatabase {
    /// Reads that do not depend on each other, started together on PostgreSQL and run in turn on SQLite.
    ///
    /// Why: on PostgreSQL each statement awaited on its own costs a round trip and two thread wake-ups
    /// (the task hands the statement to the connection's event loop and is woken with the answer), about
    /// 0.17 ms on this project's machine against 0.06 ms for PostgreSQL itself (`yibao bench statements`,
    /// `--pipelined`). Started as immediate tasks, every statement is handed to the connection before the
    /// first answer is awaited; postgres-nio queues them and sends each as soon as the one before it is
    /// done, so the task waits once. SQLite runs a statement to its end on the calling task, so there is
    /// nothing to overlap, and the child tasks cost the single writer time (measured): it runs them in turn.
    ///
    /// Only for statements whose order does not matter: the driver may run them in any order (postgres-nio
    /// prepares a statement new to the connection first and then runs it after those queued meanwhile).
    /// Nor for rows the transaction wrote with `runDeferred`: held writes go out with whichever statement
    /// is sent first, which may then run after the others. Errors come in argument order: the first's
    /// before the second's, whichever failed first.
    func together<A: Sendable, B: Sendable>(_ first: @escaping @Sendable () async throws -> A,
                                            _ second: @escaping @Sendable () async throws -> B) async throws -> (A, B) {
        guard dialect.name == "postgresql" else { return (try await first(), try await second()) }
        let (a, b) = await withTaskGroup(of: Either<A, B>.self) { group in
            group.addImmediateTask { .first(await Result { try await first() }) }
            group.addImmediateTask { .second(await Result { try await second() }) }
            var a: Result<A, any Error>?, b: Result<B, any Error>?
            for await outcome in group {
                switch outcome {
                case .first(let result): a = result
                case .second(let result): b = result
                }
            }
            return (a!, b!)
        }
        return (try a.get(), try b.get())
    }

    /// The same for three.
    func together<A: Sendable, B: Sendable, C: Sendable>(_ first: @escaping @Sendable () async throws -> A,
                                                         _ second: @escaping @Sendable () async throws -> B,
                                                         _ third: @escaping @Sendable () async throws -> C) async throws -> (A, B, C) {
        let (a, (b, c)) = try await together(first, { try await self.together(second, third) })
        return (a, b, c)
    }
}

extension SQLDatabase {
    /// `statement`'s rows read by `read`, then `rest`, whose statements must run after it (they read
    /// what its lock protects). PostgreSQL runs a connection's statements in the order they arrive, so
    /// once `statement` is prepared on this connection (`StatementOrdering`) both are handed to it
    /// together and answered after one wait; otherwise, and on SQLite, one after the other.
    func first<A: Sendable, B: Sendable>(_ statement: StaticSQL, _ values: [any Encodable & Sendable],
                                         as read: @escaping @Sendable ([any SQLRow]) throws -> A,
                                         then rest: @escaping @Sendable () async throws -> B) async throws -> (A, B) {
        let first: @Sendable () async throws -> A = { try read(try await self.rows(statement, values: values)) }
        guard statementOrdering?.sendsInTurn(statement.bind(values)) == true else {
            let a = try await first()
            return (a, try await rest())
        }
        return try await together(first, rest)
    }

    /// The session that knows its connection's prepared statements: itself, or the one a forwarding
    /// wrapper runs on.
    var statementOrdering: (any StatementOrdering)? {
        if let ordering = self as? any StatementOrdering { return ordering }
        return (self as? any ForwardingSQLDatabase)?.base.statementOrdering
    }
}

/// A session whose driver may send a statement after others asked for later (PostgreSQL's:
/// `PostgresPreparedSession`).
protocol StatementOrdering: SQLDatabase {
    /// Whether `bound` goes to the database before anything asked for after it.
    func sendsInTurn(_ bound: StaticSQL.Bound) -> Bool
}

private enum Either<A: Sendable, B: Sendable>: Sendable {
    case first(Result<A, any Error>)
    case second(Result<B, any Error>)
}

private extension Result where Failure == any Error {
    init(_ body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
