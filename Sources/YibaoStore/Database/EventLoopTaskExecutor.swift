import NIOCore

/// A task executor that runs jobs on one NIO event loop.
///
/// Why: a PostgreSQL session's body awaits one statement after another on a connection that lives on
/// an event loop. Run on Swift's cooperative pool, every statement crossed threads twice — the write
/// hopped to the event loop, the answer woke a pooled thread to resume the body — and at one client
/// the server spent most of its CPU in those wake-ups (`perf`: task switches, futexes, eventfd
/// writes), a third of a millisecond a statement. With this executor preferred for the body, the body
/// runs on the connection's own loop: a statement is written inline and the body resumes in the same
/// thread when the answer is read.
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }
}
