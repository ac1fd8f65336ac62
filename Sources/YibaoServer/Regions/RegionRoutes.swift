import Hummingbird
import YibaoCore
import YibaoStore

struct RegionRoutes {
    let services: Services

    struct Parameters: Decodable, Sendable {
        var averageWage: Money
        var averagePension: Money?
        var minimumWage: Money?
        enum CodingKeys: String, CodingKey { case averageWage = "avg_wage", averagePension = "avg_pension", minimumWage = "min_wage" }
    }

    func register(on api: RouterGroup<YibaoRequestContext>) {
        api.secured(.get, "/regions", .regionRead) { _, _, _ in
            JSONResponse(ItemList(items: try await services.regions.all()))
        }
        api.secured(.post, "/regions", .regionWrite) { request, context, principal in
            let region = try await request.decodeJSON(as: RegionRecord.self, context: context)
            try principal.authorize(.regionWrite, on: Scope(region: RegionCode.parse(region.admdvs)))
            try await services.database.write { db in
                try await services.regions.create(region, by: principal.auditActor, in: db)
            }
            return JSONResponse(region, status: .created)
        }
        api.secured(.put, "/regions/:admdvs/parameters/:year", .regionWrite) { request, context, principal in
            let admdvs = try RegionCode.parse(context.parameters.require("admdvs"))
            guard let year = Int(try context.parameters.require("year")), (1990...2100).contains(year) else {
                throw DomainError(code: "YEAR_INVALID", message: "年度须在 1990–2100 之间", messageEn: "year must be 1990–2100", path: "year")
            }
            try principal.authorize(.regionWrite, on: Scope(region: admdvs))
            let body = try await request.decodeJSON(as: Parameters.self, context: context)
            try await services.database.write { db in
                try await services.regions.setParameters(region: admdvs.value, year: year, averageWage: body.averageWage,
                                                         averagePension: body.averagePension, minimumWage: body.minimumWage,
                                                         by: principal.auditActor, in: db)
            }
            return Response(status: .noContent)
        }
    }
}
