import Synchronization

/// Write transactions that ran one after another inside one SQLite transaction, each that joined in a
/// savepoint of its own, and are made durable by a single COMMIT (group commit).
///
/// Why: SQLite has one writer, so the time a transaction holds it is the ceiling on writes per second,
/// and a commit (writing the transaction's pages to the WAL) was a fifth of that time. Transactions
/// that are already queued when one finishes join its group; the commit's page writes are shared, and
/// consecutive settlements touch the same last pages of each table. A group is committed as soon as no
/// one is waiting, so a lone write commits at once and a group only forms under load; its size and
/// age are bounded, which bounds what the first member waits for its commit.
///
/// A member's own failure rolls back to its savepoint (the group's first member: the transaction, which
/// holds nothing else yet) and is reported at once; a member that
/// succeeded answers only after the group's COMMIT, and if that COMMIT fails every member gets the
/// error, its work undone with the rest: nothing is reported written that is not.
///
/// A member's commit also waits for the members after it, a long batch chunk included; the limits
/// stop more joining once the group is full or old, they cannot shorten a member already running.
public final class CommitGroup: Sendable {
    public struct Limits: Sendable {
        /// At most this many transactions share one commit.
        public var maxMembers: Int
        /// A group older than this commits even while others wait: the first member's answer waits
        /// for the commit, so this bounds the latency grouping adds.
        public var maxAge: Duration

        public init(maxMembers: Int, maxAge: Duration) {
            self.maxMembers = maxMembers
            self.maxAge = maxAge
        }

        public static let standard = Limits(maxMembers: 64, maxAge: .milliseconds(2))
    }

    let limits: Limits
    let started = ContinuousClock.now
    private struct State {
        var members = 0
        var outcome: Result<Void, any Error>?
        var waiters: [CheckedContinuation<Void, any Error>] = []
    }
    private let state = Mutex(State())

    init(_ limits: Limits) {
        self.limits = limits
    }

    /// Counts one more transaction in the group; false when the group is full or too old to keep open.
    func join() -> Bool {
        state.withLock { s in
            s.members += 1
            return s.members < limits.maxMembers && ContinuousClock.now - started < limits.maxAge
        }
    }

    /// Records how the group's COMMIT went and wakes the members waiting for it.
    func finish(_ outcome: Result<Void, any Error>) {
        let waiters = state.withLock { s in
            s.outcome = outcome
            defer { s.waiters.removeAll() }
            return s.waiters
        }
        for waiter in waiters { waiter.resume(with: outcome) }
    }

    /// Returns once the group is committed; throws the COMMIT's error if it failed.
    func committed() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let outcome = state.withLock { s -> Result<Void, any Error>? in
                if s.outcome == nil { s.waiters.append(continuation) }
                return s.outcome
            }
            if let outcome { continuation.resume(with: outcome) }
        }
    }
}
