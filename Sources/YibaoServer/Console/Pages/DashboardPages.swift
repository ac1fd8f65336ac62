import Hummingbird
import YibaoCore
import YibaoStore

/// The agency home page: charts of the user's region, each shown only to roles that may read what it
/// counts — insured persons by category, the month's contributions, settlements and fund payments per
/// day (`DashboardFigures`), published policy versions per region, and the audit trail's operations per
/// day and by kind. Every chart has its table and a CSV download.
struct DashboardPages {
    let services: Services

    func register(on router: Router<YibaoRequestContext>) {
        router.page(.get, "/dashboard", section: .dashboard) { visit, _ in
            var charts = try await figures(visit).map(\.view)
            charts.append(try await policyVersions(visit).view)
            if visit.user.role.permissions.contains(.auditRead) {
                charts.append(try await auditPerDay(visit).view)
                charts.append(try await auditByAction(visit).view)
            }
            let greeting = visit.pick("\(visit.user.username)，您好。您的角色是\(visit.user.role.displayName)，所属统筹区 \(visit.user.region)。",
                                      "Hello \(visit.user.username). Your role is \(visit.user.role.displayNameEn), region \(visit.user.region).")
            return ConsoleRenderer.render(ConsolePage(template: "dashboard", title: visit.t("dashboard_title"),
                                                      data: ["greeting": greeting, "charts": charts]), visit)
        }
        router.page(.get, "/dashboard/policy-versions.csv", section: .dashboard) { visit, _ in
            csv(try await policyVersions(visit), visit)
        }
        router.page(.get, "/dashboard/audit-per-day.csv", .auditRead, for: .agency) { visit, _ in
            csv(try await auditPerDay(visit), visit)
        }
        router.page(.get, "/dashboard/audit-by-action.csv", .auditRead, for: .agency) { visit, _ in
            csv(try await auditByAction(visit), visit)
        }
        router.page(.get, "/dashboard/insured.csv", .personRead, for: .agency) { visit, _ in
            csv(try await insured(visit), visit)
        }
        router.page(.get, "/dashboard/collection.csv", .contributionRead, for: .agency) { visit, _ in
            csv(try await collection(visit), visit)
        }
        router.page(.get, "/dashboard/settlements-per-day.csv", .settlementRead, for: .agency) { visit, _ in
            csv(try await settlementDays(visit).count, visit)
        }
        router.page(.get, "/dashboard/fund-per-day.csv", .settlementRead, for: .agency) { visit, _ in
            csv(try await settlementDays(visit).fund, visit)
        }
    }

    /// Versions of every region the principal may read published policies of (its own, above and below).
    func policyVersions(_ visit: ConsoleVisit) async throws -> SVGChart {
        let regions = try await services.regions.all().filter { region in
            (try? visit.user.authorize(.policyRead, on: Scope(region: RegionCode.parse(region.admdvs)))) != nil
        }
        var points: [SVGChart.Point] = []
        for region in regions {
            let count = try await services.policies.versions(region: region.admdvs, insutype: nil).count
            points.append(.init(label: visit.pick(region.name, region.nameEn.isEmpty ? region.name : region.nameEn), value: Int64(count)))
        }
        return SVGChart(id: "chart-policy-versions", kind: .bar, title: visit.t("dashboard_versions"),
                        labelHeader: visit.t("dashboard_region"), valueHeader: visit.t("dashboard_count"),
                        points: points, csvHref: "/dashboard/policy-versions.csv")
    }

    /// The audit rows of the principal's own region from the first of the last 14 days (Beijing time).
    private func recentOperations(_ visit: ConsoleVisit) async throws -> (first: LocalDate, records: [AuditRecord]) {
        let region = try ownRegion(visit, .auditRead)
        let first = ConsoleFormat.day(ofMillis: Clock.nowMillis()).adding(days: -13)
        let records = try await services.database.read { db in
            try await AuditTrail.recent(region: region, limit: 10_000, in: db)
        }
        return (first, records.filter { ConsoleFormat.day(ofMillis: $0.at) >= first })
    }

    /// Operations recorded on each of the last 14 days.
    func auditPerDay(_ visit: ConsoleVisit) async throws -> SVGChart {
        let (first, records) = try await recentOperations(visit)
        var counts: [LocalDate: Int64] = [:]
        for record in records { counts[ConsoleFormat.day(ofMillis: record.at), default: 0] += 1 }
        let points = (0..<14).map { offset -> SVGChart.Point in
            let day = first.adding(days: offset)
            return .init(label: ConsoleFormat.date(day), value: counts[day] ?? 0)
        }
        return SVGChart(id: "chart-audit-per-day", kind: .line, title: visit.t("dashboard_auditDays"),
                        labelHeader: visit.t("dashboard_day"), valueHeader: visit.t("dashboard_operations"),
                        points: points, csvHref: "/dashboard/audit-per-day.csv")
    }

    /// The same 14 days' operations by kind (`policy.publish`, `user.create` …), most frequent first.
    func auditByAction(_ visit: ConsoleVisit) async throws -> SVGChart {
        let (_, records) = try await recentOperations(visit)
        var counts: [String: Int64] = [:]
        for record in records { counts[record.action, default: 0] += 1 }
        let points = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { SVGChart.Point(label: $0.key, value: $0.value) }
        return SVGChart(id: "chart-audit-by-action", kind: .bar, title: visit.t("dashboard_auditActions"),
                        labelHeader: visit.t("dashboard_action"), valueHeader: visit.t("dashboard_operations"),
                        points: points, csvHref: "/dashboard/audit-by-action.csv")
    }

    private func csv(_ chart: SVGChart, _ visit: ConsoleVisit) -> Response {
        let name = chart.csvHref.split(separator: "/").last.map(String.init) ?? "chart.csv"
        return ConsoleRenderer.respond(chart.csv, contentType: "text/csv; charset=utf-8", visit,
                                       extraHeaders: [.contentDisposition: "attachment; filename=\"\(name)\""])
    }
}
