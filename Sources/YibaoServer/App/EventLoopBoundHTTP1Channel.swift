import HummingbirdCore
import Logging
import NIOCore

/// Hummingbird's HTTP/1 channel, with each connection's task run on its channel's event loop
/// (see `EventLoopTaskExecutor` for why).
struct EventLoopBoundHTTP1Channel: ServerChildChannel {
    let http1: HTTP1Channel

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<HTTP1Channel.Value> {
        http1.setup(channel: channel, logger: logger)
    }

    func handle(value: HTTP1Channel.Value, logger: Logger) async {
        await withTaskExecutorPreference(EventLoopTaskExecutor(value.channel.eventLoop)) {
            await http1.handle(value: value, logger: logger)
        }
    }
}

extension HTTPServerBuilder {
    /// HTTP/1, each connection served on its own event loop's thread.
    static var http1OnEventLoops: HTTPServerBuilder {
        .init { responder in EventLoopBoundHTTP1Channel(http1: HTTP1Channel(responder: responder)) }
    }
}
