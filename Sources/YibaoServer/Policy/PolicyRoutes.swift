import Hummingbird
import YibaoCore
import YibaoStore

/// Policy documents over HTTP: versions, the one in force on a date, one document's text, a diff of
/// two, and publishing a new version (the body is the YAML text; every problem in it is answered
/// at once, each with its path).
struct PolicyRoutes {
    let services: Services

    struct Document: Encodable, Sendable {
        var id: String
        var region: String
        var insutype: String
        var insutypeName: String
        var effectiveFrom: String
        var title: String?
        var content: String
        enum CodingKeys: String, CodingKey {
            case id, region = "admdvs", insutype, insutypeName = "insutype_name", effectiveFrom = "effective_from", title, content
        }
        init(_ d: PolicyDocument) {
            id = d.metadata.id
            region = d.metadata.region.value
            insutype = d.metadata.insutype.rawValue
            insutypeName = d.metadata.insutype.name
            effectiveFrom = d.metadata.effectiveFrom.description
            title = d.metadata.title
            content = d.text
        }
    }

    struct Change: Encodable, Sendable {
        var path: String
        var kind: String
        var old: String?
        var new: String?
    }

    struct Rejected: Encodable, Sendable {
        var code = "POLICY_INVALID"
        var message: String
        var messageEn: String
        var path: String?
        var issues: [Issue]
        struct Issue: Encodable, Sendable { var path: String; var message: String; var messageEn: String
            enum CodingKeys: String, CodingKey { case path, message, messageEn = "message_en" } }
        enum CodingKeys: String, CodingKey { case code, message, messageEn = "message_en", path, issues }
    }

    func register(on api: RouterGroup<YibaoRequestContext>) {
        api.secured(.get, "/policies", .policyRead) { request, _, principal in
            let query = request.uri.queryParameters
            let region = try query.get("admdvs").map { try RegionCode.parse($0) } ?? principal.region
            try principal.authorize(.policyRead, on: Scope(region: region))
            let insutype = try query.get("insutype").map { try Insutype.parse($0).rawValue }
            return JSONResponse(ItemList(items: try await services.policies.versions(region: region.value, insutype: insutype)))
        }
        api.secured(.get, "/policies/in-force", .policyRead) { request, _, principal in
            let query = request.uri.queryParameters
            let region = try RegionCode.parse(try Self.required(query.get("admdvs"), "admdvs"))
            let insutype = try Insutype.parse(try Self.required(query.get("insutype"), "insutype"))
            let date = try LocalDate.parse(try Self.required(query.get("on"), "on"))
            try principal.authorize(.policyRead, on: Scope(region: region))
            guard let document = try await services.policies.inForce(region: region.value, insutype: insutype.rawValue, on: date) else {
                throw DomainError(.notFound, code: "POLICY_NONE_IN_FORCE",
                                  message: "\(region) 的险种 \(insutype.rawValue) 在 \(date) 没有生效的政策文件",
                                  messageEn: "no policy in force for region \(region) insutype \(insutype.rawValue) on \(date)")
            }
            return JSONResponse(Document(document))
        }
        api.secured(.get, "/policies/diff", .policyRead) { request, _, principal in
            let query = request.uri.queryParameters
            let a = try await load(try Self.required(query.get("a"), "a"), principal)
            let b = try await load(try Self.required(query.get("b"), "b"), principal)
            return JSONResponse(ItemList(items: PolicyDiff.between(a, b).map {
                Change(path: $0.path, kind: $0.kind.rawValue, old: $0.old, new: $0.new)
            }))
        }
        api.secured(.get, "/policies/:id", .policyRead) { _, context, principal in
            JSONResponse(Document(try await load(try context.parameters.require("id"), principal)))
        }
        api.secured(.post, "/policies", .policyWrite) { request, context, principal -> Response in
            let buffer = try await request.body.collect(upTo: context.maxUploadSize)
            let text = String(buffer: buffer)
            let document: PolicyDocument
            do {
                document = try PolicyDocument.load(text: text, file: "upload")
            } catch let error as PolicyLoadError {
                let first = error.domainError
                return try JSONResponse(Rejected(message: first.message, messageEn: first.messageEn, path: first.path,
                                                 issues: error.issues.map { .init(path: $0.path, message: $0.message, messageEn: $0.messageEn) }),
                                        status: .badRequest).response(from: request, context: context)
            }
            try principal.authorize(.policyWrite, on: Scope(region: document.metadata.region))
            try await services.database.write { db in
                try await services.policies.store(document, by: principal.auditActor, in: db)
            }
            return try JSONResponse(Document(document), status: .created).response(from: request, context: context)
        }
    }

    private func load(_ id: String, _ principal: Principal) async throws -> PolicyDocument {
        guard let document = try await services.policies.document(id: id) else {
            throw DomainError(.notFound, code: "POLICY_NOT_FOUND", message: "政策文件不存在：\(id)", messageEn: "no policy document \(id)")
        }
        try principal.authorize(.policyRead, on: Scope(region: document.metadata.region))
        return document
    }

    static func required(_ value: String?, _ name: String) throws(DomainError) -> String {
        guard let value, !value.isEmpty else {
            throw DomainError(code: "PARAM_MISSING", message: "缺少查询参数：\(name)", messageEn: "query parameter \(name) is required", path: name)
        }
        return value
    }
}
