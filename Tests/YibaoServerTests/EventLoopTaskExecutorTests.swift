import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOPosix
import Testing
@testable import YibaoServer

/// A connection's task stays on its channel's event loop across awaits; tasks it starts without
/// structure do not, so a long job never holds a loop's I/O.
@Suite struct EventLoopTaskExecutorTests {
    @Test func staysOnTheLoopAcrossAwaitsAndInChildTasks() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        let loop = group.next(), other = group.next()
        #expect(loop !== other)
        let seen = try await withTaskExecutorPreference(EventLoopTaskExecutor(loop)) {
            var seen = [loop.inEventLoop]
            // Resumed by the other loop's thread: the task comes back to its own loop.
            try await other.submit { other.inEventLoop }.get()
            seen.append(loop.inEventLoop)
            seen += await withTaskGroup(of: Bool.self) { children in
                for _ in 0..<4 { children.addTask { loop.inEventLoop } }
                return await children.reduce(into: []) { $0.append($1) }
            }
            let unstructured = await Task { loop.inEventLoop || other.inEventLoop }.value
            seen.append(!unstructured)
            return seen
        }
        #expect(seen == Array(repeating: true, count: 7))
        try await group.shutdownGracefully()
    }

    @Test func handlersRunOnAnEventLoop() async throws {
        let router = Router()
        // (Without the preference a handler runs on Swift's cooperative pool, off every loop.)
        router.get("/where") { _, _ -> String in
            MultiThreadedEventLoopGroup.currentEventLoop != nil ? "on a loop" : "elsewhere"
        }
        let app = Application(router: router, server: .http1OnEventLoops,
                              configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            for _ in 0..<3 {
                let body = try await client.execute(uri: "/where", method: .get) { String(buffer: $0.body) }
                #expect(body == "on a loop")
            }
        }
    }
}

/// The HIS interface's ordinary calls stay on their connection's loop; everything else, which may run
/// long (a large upload too), goes to the pool.
@Suite struct OffLoopMiddlewareTests {
    @Test func onlyTheLoopPathStaysOnTheLoop() async throws {
        let router = Router()
        router.add(middleware: OffLoopMiddleware(loopPath: "/his"))
        let whereAmI: @Sendable (Request, BasicRequestContext) async throws -> String = { _, _ in
            MultiThreadedEventLoopGroup.currentEventLoop != nil ? "on a loop" : "on the pool"
        }
        router.post("/his", use: whereAmI)
        router.post("/api/billing-runs", use: whereAmI)
        let app = Application(router: router, server: .http1OnEventLoops,
                              configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let small = ByteBuffer(repeating: UInt8(ascii: " "), count: 1_000)
            let large = ByteBuffer(repeating: UInt8(ascii: " "), count: 256 * 1024 + 1)
            for (path, body, expected) in [("/his", small, "on a loop"), ("/api/billing-runs", small, "on the pool"),
                                           ("/his", large, "on the pool"), ("/his", small, "on a loop")] {
                let answer = try await client.execute(uri: path, method: .post, body: body) { String(buffer: $0.body) }
                #expect(answer == expected, "\(path), \(body.readableBytes) bytes")
            }
        }
    }
}
