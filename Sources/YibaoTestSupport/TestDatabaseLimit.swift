/// At most `permits` PostgreSQL test databases open at once. Swift Testing starts every test case
/// together, and each database has its own pool (16 connections): on a slow machine, where tests
/// overlap longer, they outran the server's `max_connections` (200 in CI; 187 counted at once in a
/// full run) and a test failed with "too many clients". First come, first served.
actor TestDatabaseLimit {
    private var available: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(permits: Int) { available = permits }

    func acquire() async {
        if available > 0 {
            available -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the permit to the longest waiter, or puts it back.
    func release() {
        if waiting.isEmpty {
            available += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
