/// How much a database's single writer is used: the capacity signal of an SQLite deployment, where
/// every write transaction of every request queues for one connection. `busy` growing by nearly a
/// second each second means writes are at their ceiling whatever the CPU shows; `waited` is the time
/// transactions spent queued before they could start; `transactions ÷ commits` is the mean size of a
/// commit group (`CommitGroup`); `checkpoints` counts the background checkpoints (`WALCheckpointer`),
/// which stays at 0 while commits checkpoint by themselves.
public struct WriterStatistics: Sendable, Equatable {
    public var transactions: Int64 = 0
    public var commits: Int64 = 0
    public var busy: Duration = .zero
    public var waited: Duration = .zero
    public var checkpoints: Int64 = 0

    public init() {}
}
