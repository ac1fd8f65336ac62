import Hummingbird
import YibaoCore
import YibaoStore

struct AuditRoutes {
    let services: Services

    struct Verification: Encodable, Sendable {
        var intact: Bool
        var rowsChecked: Int
        var regions: Int
        var findings: [String]
        enum CodingKeys: String, CodingKey { case intact, rowsChecked = "rows_checked", regions, findings }
    }

    func register(on api: RouterGroup<YibaoRequestContext>) {
        api.secured(.get, "/audit", .auditRead) { request, _, principal in
            let region = try request.uri.queryParameters.get("admdvs").map { try RegionCode.parse($0) } ?? principal.region
            try principal.authorize(.auditRead, on: Scope(region: region))
            let limit = min(1000, max(1, request.uri.queryParameters.get("limit").flatMap { Int($0) } ?? 100))
            let records = try await services.database.read { db in
                try await AuditTrail.recent(region: region.value, limit: limit, in: db)
            }
            return JSONResponse(ItemList(items: records))
        }
        api.secured(.post, "/audit/verify", .auditVerify) { _, _, _ in
            let report = try await AuditVerifier(database: services.database).verify()
            return JSONResponse(Verification(intact: report.isIntact, rowsChecked: report.rowsChecked,
                                             regions: report.regions, findings: report.findings.map(\.description)))
        }
    }
}
