import Hummingbird
import YibaoCore
import YibaoStore

/// The billing batch as an API call (same idempotent run as `yibao billing run`) and the collection KPIs.
struct ContributionRoutes {
    let services: Services

    struct RunRequest: Decodable, Sendable { var month: String }

    func register(on api: RouterGroup<YibaoRequestContext>) {
        api.secured(.post, "/regions/:admdvs/billing-runs", .contributionWrite) { request, context, principal in
            let region = try RegionCode.parse(context.parameters.require("admdvs"))
            try principal.authorize(.contributionWrite, on: Scope(region: region))
            let body = try await request.decodeJSON(as: RunRequest.self, context: context)
            let summary = try await BillingRun(database: services.database).run(region: region.value, month: body.month,
                                                                                 by: principal.auditActor)
            return JSONResponse(summary)
        }
        api.secured(.get, "/persons/:psn_no/arrears", .contributionRead) { request, context, principal in
            guard let psnNo = Int64(try context.parameters.require("psn_no")), let person = try await services.persons.find(psnNo: psnNo) else {
                throw DomainError(.notFound, code: "PERSON_NOT_FOUND", message: "参保人不存在", messageEn: "no such person", path: "psn_no")
            }
            try principal.authorize(.contributionRead, on: Scope(region: try RegionCode.parse(person.admdvs), personID: person.psnNo))
            guard let on = request.uri.queryParameters.get("on") else {
                throw DomainError(code: "DATE_REQUIRED", message: "请提供查询日期 on=YYYY-MM-DD", messageEn: "give the date as on=YYYY-MM-DD", path: "on")
            }
            return JSONResponse(try await PersonDebts.load(person, on: try LocalDate.parse(String(on)), services: services))
        }
        api.secured(.get, "/regions/:admdvs/collection-kpis", .contributionRead) { request, context, principal in
            let region = try RegionCode.parse(context.parameters.require("admdvs"))
            try principal.authorize(.contributionRead, on: Scope(region: region))
            guard let month = request.uri.queryParameters.get("month") else {
                throw DomainError(code: "MONTH_REQUIRED", message: "请提供月份 month=YYYY-MM", messageEn: "give the month as month=YYYY-MM", path: "month")
            }
            let kpis = try await services.database.read { db in
                try await CollectionKPIs.compute(region: region.value, month: String(month), in: db)
            }
            return JSONResponse(kpis)
        }
    }
}
