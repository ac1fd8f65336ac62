/// Write transactions run one after another inside one SQLite transaction, each that joined in a
/// savepoint of its own, and made durable by a single COMMIT (group commit).
///
/// Why: SQLite has one writer, so the time a transaction holds it is the ceiling on writes per second,
/// and a commit (writing the transaction's pages to the WAL) was a fifth of that time. Transactions
/// that are already queued when one finishes join its group; the commit's page writes are shared, and
/// consecutive settlements touch the same last pages of each table. A group is committed as soon as no
/// one is waiting, so a lone write commits at once and a group only forms under load; its size and
/// age are bounded, which bounds what the first member waits for its commit.
///
/// One task runs a whole group: the write at the head of the queue (`WriteQueue`) leads, running the
/// bodies of those queued behind it itself rather than waking each in turn. Waking a task means
/// queueing it on Swift's cooperative pool behind the HTTP and JSON work of every other request, and
/// the writer sat idle for that wait between any two transactions. So a body may run in another
/// caller's task: it must take what it needs as arguments, not from task-local values, and it sees
/// that task's cancellation (no write body checks for cancellation today).
///
/// A member's own failure rolls back to its savepoint (the group's first member: the transaction, which
/// holds nothing else yet) and is reported at once; a member that succeeded answers only after the
/// group's COMMIT, and if that COMMIT fails every member gets the error, its work undone with the
/// rest: nothing is reported written that is not.
///
/// A member's commit also waits for the members after it, a long batch chunk included; the limits
/// stop more joining once the group is full or old, they cannot shorten a member already running.
public enum CommitGroup {
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
}
