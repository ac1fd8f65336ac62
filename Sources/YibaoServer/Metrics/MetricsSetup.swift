import Hummingbird
import Metrics
import Prometheus
import Synchronization
import YibaoStore

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

    static func register(on router: Router<YibaoRequestContext>, database: any Database) {
        let registry = registry
        let writer = WriterGauges(registry: registry)
        router.get("/metrics") { _, _ -> Response in
            if let statistics = database.writerStatistics { writer.set(statistics) }
            var buffer: [UInt8] = []
            buffer.reserveCapacity(16 * 1024)
            registry.emit(into: &buffer)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: buffer)))
        }
    }
}

/// The SQLite writer's use (`WriterStatistics`), read from the store when `/metrics` is scraped. They
/// are running totals, so `rate()` of the busy seconds is the fraction of time the writer was held.
private struct WriterGauges {
    let transactions: Prometheus.Gauge
    let commits: Prometheus.Gauge
    let busy: Prometheus.Gauge
    let waited: Prometheus.Gauge

    init(registry: PrometheusCollectorRegistry) {
        transactions = registry.makeGauge(name: "yibao_sqlite_writer_transactions")
        commits = registry.makeGauge(name: "yibao_sqlite_writer_commits")
        busy = registry.makeGauge(name: "yibao_sqlite_writer_busy_seconds")
        waited = registry.makeGauge(name: "yibao_sqlite_writer_wait_seconds")
    }

    func set(_ s: WriterStatistics) {
        transactions.set(Double(s.transactions))
        commits.set(Double(s.commits))
        busy.set(Self.seconds(s.busy))
        waited.set(Self.seconds(s.waited))
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
