import NIOCore

/// A task executor over one NIO event loop: jobs run on the loop's thread, between its I/O.
///
/// A connection's task that prefers its channel's loop reads its requests and writes its answers
/// without a thread hop: the inbound stream resumes it on the loop that read the bytes, and its
/// writes reach the channel synchronously (NIO checks `inEventLoop`). On the cooperative pool each
/// request cost two wake-ups of another thread — one to resume the handler, one to write — which the
/// profile showed as kernel time (futex, task switches). Only the HIS interface's short calls stay on
/// the loop (`OffLoopMiddleware` sends every other request to the pool); their SQLite statements run
/// inline on the loop's thread, and tasks they start without structure do not inherit the preference.
final class EventLoopTaskExecutor: TaskExecutor {
    private let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
