import Hummingbird
import YibaoCore
import YibaoStore

/// The audit trail for auditors: the region's latest operations and a button that verifies every
/// hash chain (a POST with the form token, as it is an action even though it changes nothing).
struct AuditPages {
    let services: Services
    static let limit = 100

    func register(on router: Router<YibaoRequestContext>) {
        router.page(.get, "/audit", section: .audit) { visit, _ in
            try await page(visit, verification: nil)
        }
        router.page(.post, "/audit/verify", .auditVerify, for: .agency) { visit, context in
            try ConsoleCSRF.check(try await FormBody.read(visit.request, context: context), visit.request)
            let report = try await AuditVerifier(database: services.database).verify()
            let summary = report.isIntact
                ? visit.pick("哈希链完整：共校验 \(report.regions) 个统筹区 \(report.rowsChecked) 条记录，未发现篡改。",
                             "The chains are intact: \(report.rowsChecked) records in \(report.regions) regions checked, no tampering found.")
                : visit.pick("发现 \(report.findings.count) 处问题（共校验 \(report.rowsChecked) 条记录）：",
                             "\(report.findings.count) problem(s) found (\(report.rowsChecked) records checked):")
            let findings = report.findings.map { "[\($0.region) #\($0.seq)] " + visit.pick($0.message, $0.messageEn) }
            return try await page(visit, verification: ["intact": report.isIntact, "summary": summary,
                                                        "findings": findings, "hasFindings": !findings.isEmpty])
        }
    }

    private func page(_ visit: ConsoleVisit, verification: [String: Any]?) async throws -> Response {
        let region = visit.user.region
        try visit.user.authorize(.auditRead, on: Scope(region: region))
        let records = try await services.database.read { db in
            try await AuditTrail.recent(region: region.value, limit: Self.limit, in: db)
        }
        var data: [String: Any] = [
            "caption": visit.pick("统筹区 \(region) 最近 \(Self.limit) 条操作", "The latest \(Self.limit) operations in region \(region)"),
            "records": records.map { r -> [String: Any] in
                ["seq": r.seq, "at": ConsoleFormat.instant(r.at), "actor": r.actor,
                 "role": Role(rawValue: r.role).map { visit.pick($0.displayName, $0.displayNameEn) } ?? r.role,
                 "action": r.action, "target": r.target, "before": r.before, "after": r.after]
            },
        ]
        if let verification { data["verification"] = verification }
        return ConsoleRenderer.render(ConsolePage(template: "audit", title: visit.t("audit_title"), data: data), visit)
    }
}
