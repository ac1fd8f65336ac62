import Hummingbird
import YibaoCore
import YibaoStore

/// Designated institutions, minimal: the public directory for a region, one institution's record
/// (its own users and the agency only), registration by the agency.
struct InstitutionRoutes {
    let services: Services

    func register(on api: RouterGroup<YibaoRequestContext>) {
        api.secured(.get, "/institutions", .institutionDirectory) { request, _, principal in
            let region = try request.uri.queryParameters.get("admdvs").map { try RegionCode.parse($0) } ?? principal.region
            try principal.authorize(.institutionDirectory, on: Scope(region: region))
            return JSONResponse(ItemList(items: try await services.institutions.list(region: region.value)))
        }
        api.secured(.get, "/institutions/:code", .institutionRead) { _, context, principal in
            let code = try context.parameters.require("code")
            let institution = try await services.institutions.require(code)
            try principal.authorize(.institutionRead, on: Scope(region: RegionCode.parse(institution.admdvs), institutionCode: institution.code))
            return JSONResponse(institution)
        }
        api.secured(.post, "/institutions", .institutionWrite) { request, context, principal in
            let institution = try await request.decodeJSON(as: InstitutionRecord.self, context: context)
            try principal.authorize(.institutionWrite, on: Scope(region: RegionCode.parse(institution.admdvs)))
            try await services.database.write { db in
                try await services.institutions.create(institution, by: principal.auditActor, in: db)
            }
            return JSONResponse(institution, status: .created)
        }
    }
}
