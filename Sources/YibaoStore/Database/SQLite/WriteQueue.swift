import SQLKit
import Synchronization

/// The write transactions waiting for the SQLite writer, in arrival order, and who leads.
///
/// Invariant: while the queue holds anything, exactly one task leads or has been told to
/// (`QueuedWrite.lead()`), and the write that leads is the queue's head when it starts. So a write
/// queued with no one leading finds the queue empty and leads itself.
final class WriteQueue: Sendable {
    private struct State {
        /// At most one per waiting request, so removing the first is cheap enough.
        var pending: [any QueuedWrite] = []
        var leading = false
    }
    private let state = Mutex(State())

    /// Queues `write`; true when no one was leading, so its caller leads now.
    func submit(_ write: any QueuedWrite) -> Bool {
        state.withLock { s in
            s.pending.append(write)
            defer { s.leading = true }
            return !s.leading
        }
    }

    /// Takes the next write off the queue, for the leader to run.
    func next() -> (any QueuedWrite)? {
        state.withLock { $0.pending.isEmpty ? nil : $0.pending.removeFirst() }
    }

    /// The leader's group is done: the write now at the head leads the next group, or no one does.
    func passLeadership() {
        let head = state.withLock { s -> (any QueuedWrite)? in
            if s.pending.isEmpty { s.leading = false }
            return s.pending.first
        }
        head?.lead()
    }
}

/// A write as the queue and its leader see it, whatever its result type.
protocol QueuedWrite: AnyObject, Sendable {
    /// When it was queued (for `WriterStatistics.waited`).
    var queued: ContinuousClock.Instant { get }
    /// Runs its body inside the open transaction; false when the body threw (its error is kept).
    func run(on session: SQLiteSession) async -> Bool
    /// Its outcome is settled: its body's error if it threw, else `groupError` if the group's
    /// COMMIT failed (or a control statement did), else its value, committed. Wakes the caller.
    func finish(groupError: (any Error)?)
    /// Wakes the caller to lead the next group.
    func lead()
}

/// One caller's write: its body, then its outcome or the call to lead, handed to the waiting caller.
final class PendingWrite<T: Sendable>: QueuedWrite {
    enum Wake {
        case done(Result<T, any Error>)
        case lead
    }

    private struct State {
        var ran: Result<T, any Error>?
        var wake: Wake?
        var waiter: CheckedContinuation<Wake, Never>?
    }

    let queued = ContinuousClock.now
    private let body: @Sendable (any SQLDatabase) async throws -> T
    private let state = Mutex(State())

    init(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) {
        self.body = body
    }

    func run(on session: SQLiteSession) async -> Bool {
        let ran: Result<T, any Error>
        do {
            ran = .success(try await SQLTransaction.$isOpen.withValue(true) { try await body(session) })
        } catch {
            ran = .failure(error)
        }
        state.withLock { $0.ran = ran }
        if case .success = ran { return true }
        return false
    }

    func finish(groupError: (any Error)?) {
        deliver { s in
            switch (s.ran, groupError) {
            case (.failure(let error)?, _): .done(.failure(error))
            case (_, let error?): .done(.failure(error))
            case (let ran?, nil): .done(ran)
            case (nil, nil): .done(.failure(WriteNotRun()))
            }
        }
    }

    func lead() { deliver { _ in .lead } }

    /// Returns the next wake: the outcome, or the call to lead.
    func wait() async -> Wake {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { s -> Wake? in
                guard let wake = s.wake else {
                    s.waiter = continuation
                    return nil
                }
                s.wake = nil
                return wake
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    private func deliver(_ wake: (State) -> Wake) {
        let waiter = state.withLock { s -> (CheckedContinuation<Wake, Never>, Wake)? in
            let next = wake(s)
            guard let waiter = s.waiter else {
                s.wake = next
                return nil
            }
            s.waiter = nil
            return (waiter, next)
        }
        if let (continuation, next) = waiter { continuation.resume(returning: next) }
    }
}

/// A write finished before its body ran: cannot happen, since a leader runs each write it takes.
struct WriteNotRun: Error {}
