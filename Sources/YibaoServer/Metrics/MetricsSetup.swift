import Hummingbird
import Metrics
import Prometheus
import Synchronization

/// One Prometheus registry per process, bootstrapped into swift-metrics exactly once (the metrics
/// system is global and refuses a second bootstrap, which several apps in one test process would do).
enum MetricsSetup {
    private static let once = Mutex<PrometheusCollectorRegistry?>(nil)

    static var registry: PrometheusCollectorRegistry {
        once.withLock { existing in
            if let existing { return existing }
            let registry = PrometheusCollectorRegistry()
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
            existing = registry
            return registry
        }
    }

    static func register(on router: Router<YibaoRequestContext>) {
        let registry = registry
        router.get("/metrics") { _, _ -> Response in
            var buffer: [UInt8] = []
            buffer.reserveCapacity(16 * 1024)
            registry.emit(into: &buffer)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: buffer)))
        }
    }
}
