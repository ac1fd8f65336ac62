import Hummingbird
import YibaoCore
import YibaoStore

/// The catalogue API: list and search a region's catalogue (`catalogue.read`, any principal for its
/// own region and the regions above and below), and import a CSV file (`catalogue.write`).
struct CatalogueRoutes {
    let services: Services

    func register(on api: RouterGroup<YibaoRequestContext>) {
        api.secured(.get, "/catalogue", .catalogueRead) { request, _, principal in
            let query = request.uri.queryParameters
            let region = try query.get("admdvs").map { try RegionCode.parse($0) } ?? principal.region
            try principal.authorize(.catalogueRead, on: Scope(region: region))
            let limit = query.get("limit").flatMap { Int($0) } ?? 200
            let items = try await services.catalogue.list(region: region.value, insutype: query.get("insutype"),
                                                          query: query.get("q"), limit: limit)
            return JSONResponse(ItemList(items: items))
        }
        // The body is the CSV text; `skip_invalid=true` imports the valid lines of a file with errors.
        api.secured(.post, "/catalogue/import", .catalogueWrite) { request, context, principal in
            let query = request.uri.queryParameters
            let region = try query.get("admdvs").map { try RegionCode.parse($0) } ?? principal.region
            try principal.authorize(.catalogueWrite, on: Scope(region: region))
            let body = try await request.body.collect(upTo: context.maxUploadSize)
            let report = try await services.catalogue.importCSV(String(buffer: body), region: region.value,
                                                                skipInvalid: query.get("skip_invalid") == "true",
                                                                by: principal.auditActor)
            return JSONResponse(report, status: report.errors.isEmpty || report.imported > 0 ? .ok : .badRequest)
        }
    }
}
