import Hummingbird
import YibaoCore
import YibaoStore

/// Designation status of institutions (agency: `institution.write`) and their declared lists
/// (the institution itself or the agency: `catalogue.declare`).
struct DesignationRoutes {
    let services: Services

    struct Declaration: Decodable { var items: [DeclaredItem] }

    func register(on api: RouterGroup<YibaoRequestContext>) {
        api.secured(.get, "/institutions/:code/status", .institutionRead) { _, context, principal in
            let institution = try await find(context)
            try principal.authorize(.institutionRead, on: scope(institution))
            return JSONResponse(ItemList(items: try await services.designations.history(institution.code)))
        }
        api.secured(.post, "/institutions/:code/status", .institutionWrite) { request, context, principal in
            let institution = try await find(context)
            try principal.authorize(.institutionWrite, on: scope(institution))
            let status = try await request.decodeJSON(as: DesignationStatus.self, context: context)
            try await services.database.write { db in
                try await services.designations.setStatus(institution.code, status, by: principal.auditActor, in: db)
            }
            return JSONResponse(ItemList(items: try await services.designations.history(institution.code)), status: .created)
        }
        api.secured(.get, "/institutions/:code/declared", .catalogueDeclare) { _, context, principal in
            let institution = try await find(context)
            try principal.authorize(.catalogueDeclare, on: scope(institution))
            return JSONResponse(ItemList(items: try await services.designations.declared(institution.code)))
        }
        api.secured(.post, "/institutions/:code/declared", .catalogueDeclare) { request, context, principal in
            let institution = try await find(context)
            try principal.authorize(.catalogueDeclare, on: scope(institution))
            let declaration = try await request.decodeJSON(as: Declaration.self, context: context)
            try await services.database.write { db in
                try await services.designations.declare(institution.code, items: declaration.items, by: principal.auditActor, in: db)
            }
            return JSONResponse(ItemList(items: try await services.designations.declared(institution.code)), status: .created)
        }
    }

    func find(_ context: YibaoRequestContext) async throws -> InstitutionRecord {
        let code = try context.parameters.require("code")
        return try await services.institutions.require(code)
    }

    func scope(_ institution: InstitutionRecord) throws -> Scope {
        Scope(region: try RegionCode.parse(institution.admdvs), institutionCode: institution.code)
    }
}
