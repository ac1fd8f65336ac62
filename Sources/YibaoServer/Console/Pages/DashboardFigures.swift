import YibaoCore
import YibaoStore

/// The dashboard's charts of the user's own region: who is insured, what the month's contributions
/// came to, and the settlements of the last 14 days and of the month — as of today (Beijing date) or of the day given
/// as `?on=YYYY-MM-DD` (a past period; tests use it for fixed figures).
extension DashboardPages {
    /// The charts the user's role may see, in reading order.
    func figures(_ visit: ConsoleVisit) async throws -> [SVGChart] {
        let permissions = visit.user.role.permissions
        var charts: [SVGChart] = []
        if permissions.contains(.personRead) { charts.append(try await insured(visit)) }
        if permissions.contains(.contributionRead) { charts.append(try await collection(visit)) }
        if permissions.contains(.settlementRead) {
            let days = try await settlementDays(visit)
            charts += [days.count, days.fund]
        }
        return charts
    }

    /// Persons insured on the as-of day by category, in the categories' own order (empty ones left out).
    func insured(_ visit: ConsoleVisit) async throws -> SVGChart {
        let region = try ownRegion(visit, .personRead)
        let day = try asOf(visit)
        let counts = try await services.database.read { db in try await RegionFigures.insuredByCategory(admdvs: region, on: day, in: db) }
        let points = PersonCategory.allCases.compactMap { category in
            counts[category].map { SVGChart.Point(label: ConsoleLabels.category(category, visit.language), value: $0) }
        }
        return SVGChart(id: "chart-insured", kind: .bar, title: visit.t("dashboard_insured"), labelHeader: visit.t("dashboard_category"),
                        valueHeader: visit.t("dashboard_persons"), points: points, csvHref: csvHref("insured", visit))
    }

    /// The latest billed month up to the as-of day's: due, received and outstanding, with the
    /// collection rate in the title.
    func collection(_ visit: ConsoleVisit) async throws -> SVGChart {
        let region = try ownRegion(visit, .contributionRead)
        let day = try asOf(visit)
        let current = "\(day.year)-\(day.month < 10 ? "0" : "")\(day.month)"
        let (month, figures) = try await services.database.read { db in
            let month = try await RegionFigures.latestBilledMonth(admdvs: region, notAfter: current, in: db) ?? current
            return (month, try await RegionFigures.collection(admdvs: region, month: month, in: db))
        }
        let rate = figures.rateInPermille.map { "\($0 / 10).\($0 % 10)%" } ?? "—"
        return SVGChart(id: "chart-collection", kind: .bar,
                        title: visit.pick("\(month) 征缴（\(figures.bills) 张账单，收缴率 \(rate)）",
                                          "Contributions \(month) (\(figures.bills) bills, collection rate \(rate))"),
                        labelHeader: visit.t("dashboard_item"), valueHeader: visit.t("dashboard_amount"), unit: .money,
                        points: [.init(label: visit.t("dashboard_due"), value: figures.due.fen),
                                 .init(label: visit.t("dashboard_received"), value: figures.received.fen),
                                 .init(label: visit.t("dashboard_outstanding"), value: figures.outstanding.fen)],
                        csvHref: csvHref("collection", visit))
    }

    /// Settlements (cancelled ones left out) and their fund payments on each of the last 14 days, with
    /// the month's totals so far (from its first day through the as-of day) in the titles.
    func settlementDays(_ visit: ConsoleVisit) async throws -> (count: SVGChart, fund: SVGChart) {
        let region = try ownRegion(visit, .settlementRead)
        let through = try asOf(visit)
        let from = through.adding(days: -13)
        let monthStart = LocalDate(year: through.year, month: through.month, day: 1)!
        let totals = try await services.database.read { db in
            try await SettlementListing.dailyTotals(.region(region), from: min(from, monthStart), through: through, in: db)
        }
        let byDay = Dictionary(totals.map { ($0.day, $0) }, uniquingKeysWith: { first, _ in first })
        let month = totals.filter { $0.day >= monthStart }
        let monthSettled = month.reduce(0) { $0 + $1.settled }
        let monthFund = month.reduce(Money.zero) { $0 + $1.fund }
        let days = (0..<14).map { from.adding(days: $0) }
        let count = SVGChart(id: "chart-settlements-per-day", kind: .line,
                             title: visit.t("dashboard_settlementDays") + visit.pick("（本月 \(monthSettled) 笔）", " (this month: \(monthSettled))"),
                             labelHeader: visit.t("dashboard_day"), valueHeader: visit.t("dashboard_settlements"),
                             points: days.map { .init(label: ConsoleFormat.date($0), value: Int64(byDay[$0]?.settled ?? 0)) },
                             csvHref: csvHref("settlements-per-day", visit))
        let fund = SVGChart(id: "chart-fund-per-day", kind: .line,
                            title: visit.t("dashboard_fundDays")
                                + visit.pick("（本月 \(ConsoleFormat.money(monthFund)) 元）", " (this month: \(ConsoleFormat.money(monthFund)) yuan)"),
                            labelHeader: visit.t("dashboard_day"), valueHeader: visit.t("dashboard_amount"), unit: .money,
                            points: days.map { .init(label: ConsoleFormat.date($0), value: byDay[$0]?.fund.fen ?? 0) },
                            csvHref: csvHref("fund-per-day", visit))
        return (count, fund)
    }

    private func asOf(_ visit: ConsoleVisit) throws -> LocalDate {
        try ConsoleForm.date(visit.query["on"], "on") ?? ConsoleFormat.day(ofMillis: Clock.nowMillis())
    }

    /// The chart's CSV address, as of the same day as the page.
    private func csvHref(_ name: String, _ visit: ConsoleVisit) -> String {
        "/dashboard/\(name).csv" + (visit.query["on"].map { "?" + ConsoleURL.query([("on", $0)]) } ?? "")
    }

    /// The user's own region, after checking `permission` on it.
    func ownRegion(_ visit: ConsoleVisit, _ permission: Permission) throws -> String {
        try visit.user.authorize(permission, on: Scope(region: visit.user.region))
        return visit.user.region.value
    }
}
