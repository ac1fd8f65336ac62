import Hummingbird

/// Runs every request but the HIS interface's on Swift's cooperative pool, off the event loop its
/// connection is served on (`EventLoopTaskExecutor`).
///
/// A HIS call is short and waits on little but the database, so it stays on its loop and saves the
/// two thread hops. The rest may run long between suspension points — a billing run, a CSV import, a
/// report — and on a loop it would hold up every connection of that loop (a hospital's settlements
/// among them) while the other core idled. On the pool it costs those two hops, as every request did
/// before connections were given their loops.
struct OffLoopMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The path that stays on the loop.
    let loopPath: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.uri.path == loopPath { return try await next(request, context) }
        return try await withTaskExecutorPreference(globalConcurrentExecutor) { try await next(request, context) }
    }
}
