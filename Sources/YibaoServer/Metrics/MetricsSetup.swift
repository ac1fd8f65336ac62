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
        // Only a store with a single writer (SQLite) has writer gauges; PostgreSQL's would stay at 0.
        let writer = database.writerStatistics.map { _ in WriterGauges(registry: registry) }
        let cpu = ProcessCPUGauge(registry: registry)
        router.get("/metrics") { _, _ -> Response in
            if let writer, let statistics = database.writerStatistics { writer.set(statistics) }
            cpu.update()
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
    let checkpoints: Prometheus.Gauge

    init(registry: PrometheusCollectorRegistry) {
        func gauge(_ name: String, unit: String = "", _ help: String) -> Prometheus.Gauge {
            registry.makeGauge(descriptor: .init(namespace: "yibao", subsystem: "sqlite_writer", metricName: name, unitName: unit, helpText: help))
        }
        transactions = gauge("transactions", "Write transactions run by the SQLite writer")
        commits = gauge("commits", "COMMITs of the SQLite writer (a group commit holds several transactions)")
        busy = gauge("busy", unit: "seconds", "Seconds the SQLite writer was held")
        waited = gauge("wait", unit: "seconds", "Seconds write transactions spent queued for the SQLite writer")
        checkpoints = gauge("checkpoints", "Background WAL checkpoints run (not growing: commits checkpoint by themselves)")
    }

    func set(_ s: WriterStatistics) {
        transactions.set(Double(s.transactions))
        commits.set(Double(s.commits))
        busy.set(Self.seconds(s.busy))
        waited.set(Self.seconds(s.waited))
        checkpoints.set(Double(s.checkpoints))
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
