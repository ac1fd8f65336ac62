import Dispatch
import Foundation
import Logging
import Synchronization

/// Copies the write-ahead log back into the database file every `interval`, on a connection and a
/// thread of its own, off the writer's path: a PASSIVE checkpoint copies committed pages while
/// readers and the writer go on, so no settlement waits for it (the tail latency the commits' own
/// checkpoints caused). Not in a task: a checkpoint copies pages and syncs the file, and on one of
/// the few threads of Swift's cooperative pool that would stall the requests queued behind it.
///
/// A connection that fails to open (SQLite answers busy while a new file's WAL index is being built
/// by another connection) is opened again at the next interval; until then commits checkpoint by
/// themselves, at `SQLiteStore.autocheckpointPages`.
final class WALCheckpointer: Sendable {
    private let interval: DispatchTimeInterval
    private let logger: Logger
    private let open: @Sendable () throws -> SQLiteHandle
    private let completed = Atomic<Int64>(0)

    init(interval: DispatchTimeInterval, logger: Logger, open: @escaping @Sendable () throws -> SQLiteHandle) {
        self.interval = interval
        self.logger = logger
        self.open = open
    }

    /// Checkpoints run so far.
    var checkpoints: Int64 { completed.load(ordering: .relaxed) }

    /// Checkpoints until the calling task is cancelled, then closes its connection and returns.
    func run() async {
        let stop = DispatchSemaphore(value: 0)
        await withTaskCancellationHandler {
            await withCheckedContinuation { (stopped: CheckedContinuation<Void, Never>) in
                let thread = Thread { [self] in
                    Thread.current.name = "sqlite-ckpt" // as `top -H` shows it (Linux keeps 15 bytes)
                    loop(until: stop)
                    stopped.resume()
                }
                thread.start()
            }
        } onCancel: {
            stop.signal()
        }
    }

    private func loop(until stop: DispatchSemaphore) {
        var connection: SQLiteHandle?
        var openFailed = false
        // A signal ends the wait early: the store is shutting down.
        while stop.wait(timeout: .now() + interval) == .timedOut {
            let current: SQLiteHandle
            do {
                current = try connection ?? open()
                connection = current
            } catch {
                if !openFailed {
                    logger.error("SQLite checkpoint connection failed, tried again every interval; meanwhile commits checkpoint by themselves: \(error)")
                    openFailed = true
                }
                continue
            }
            if openFailed {
                logger.notice("SQLite checkpoint connection opened; background checkpoints resume")
                openFailed = false
            }
            do {
                _ = try current.execute("PRAGMA wal_checkpoint(PASSIVE)")
                completed.add(1, ordering: .relaxed)
            } catch {
                logger.warning("SQLite checkpoint: \(error)")
            }
        }
        connection?.close()
    }
}
