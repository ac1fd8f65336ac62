#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Prometheus

/// The server's own CPU time (user + system, all threads) as a running total, read from
/// `getrusage` when `/metrics` is scraped. `rate()` of it is the cores the server keeps busy; the
/// HTTP benchmark reads it around its timed window to give the server's CPU per settlement, which a
/// reading of `/proc` from outside could not separate from the benchmark's own set-up.
struct ProcessCPUGauge {
    let seconds: Prometheus.Gauge

    init(registry: PrometheusCollectorRegistry) {
        seconds = registry.makeGauge(descriptor: .init(namespace: "yibao", subsystem: "process", metricName: "cpu", unitName: "seconds",
                                                         helpText: "CPU seconds (user and system) the server has used since it started"))
    }

    func update() {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return }
        func value(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        seconds.set(value(usage.ru_utime) + value(usage.ru_stime))
    }
}
