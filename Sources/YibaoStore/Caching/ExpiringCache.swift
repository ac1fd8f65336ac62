import Synchronization

/// Values kept for a short time in this process, so that a hot path does not read the same
/// reference row from the database on every request.
///
/// What may go in: rows that change rarely and whose change may take `lifetime` to be seen by this
/// process (another server, or a CLI command, may have written it). A cache belongs to one database
/// (it lives in a repository made for that database), never to the process as a whole: tests and
/// tools open several databases with the same codes in one process.
public final class ExpiringCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry {
        var value: Value
        var expires: ContinuousClock.Instant
    }
    private let entries = Mutex<[Key: Entry]>([:])
    private let lifetime: Duration
    private let limit: Int
    private let now: @Sendable () -> ContinuousClock.Instant

    /// Entries live for `lifetime`; beyond `limit` entries the cache starts over (a bound, not an LRU:
    /// reference tables are far smaller than the limit in practice). `now` is the clock's reading;
    /// tests pass their own so that expiry does not depend on how fast a loaded machine runs.
    public init(lifetime: Duration, limit: Int = 65_536,
                now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        self.lifetime = lifetime
        self.limit = limit
        self.now = now
    }

    public func value(for key: Key) -> Value? {
        let now = now()
        return entries.withLock { entries in
            guard let entry = entries[key] else { return nil }
            guard entry.expires > now else {
                entries[key] = nil
                return nil
            }
            return entry.value
        }
    }

    /// Drops every entry: a change the cache cannot key (a user's tokens, say) is seen at once.
    public func removeAll() {
        entries.withLock { $0.removeAll(keepingCapacity: true) }
    }

    public func store(_ value: Value, for key: Key) {
        let expires = now() + lifetime
        entries.withLock { entries in
            if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(value: value, expires: expires)
        }
    }
}
