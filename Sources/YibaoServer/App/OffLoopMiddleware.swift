import Hummingbird

/// Runs every request but the HIS interface's ordinary calls on Swift's cooperative pool, off the
/// event loop its connection is served on (`EventLoopTaskExecutor`).
///
/// A HIS call is short and waits on little but the database, so it stays on its loop and saves the
/// two thread hops. The rest may run long between suspension points — a billing run, a CSV import, a
/// report — and on a loop it would hold up every connection of that loop (a hospital's settlements
/// among them) while the other core idled. On the pool it costs those two hops, as every request did
/// before connections were given their loops. A HIS call's work grows with its body (a fee upload's
/// lines), so one larger than `loopBodyLimit`, or of no declared length, goes to the pool too.
struct OffLoopMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The path that stays on the loop.
    let loopPath: String
    /// The largest body that stays: a 200-line inpatient upload (2301) is about 100 KB.
    var loopBodyLimit = 256 * 1024

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.uri.path == loopPath, let length = request.headers[.contentLength].flatMap({ Int($0) }), length <= loopBodyLimit {
            return try await next(request, context)
        }
        return try await withTaskExecutorPreference(globalConcurrentExecutor) { try await next(request, context) }
    }
}
