import Hummingbird
import YibaoCore
import YibaoStore

/// The routes every maker-checker workflow shares: the checker's `…/{id}/approve` and `…/{id}/reject`
/// (`{"note"}`; a rejection needs one), permission `contribution.approve` in the path's region, and the
/// `status=` filter of its list.
enum ApprovalRoutes {
    struct Decision: Decodable, Sendable { var note: String? }

    /// Registers `POST {path}/approve` and `{path}/reject`; `path` has `:admdvs` and `:id`.
    static func decisions<Body: Encodable & Sendable>(
        on api: RouterGroup<YibaoRequestContext>, path: String,
        decide: @escaping @Sendable (_ region: String, _ id: Int64, _ approve: Bool, _ note: String, _ actor: AuditActor) async throws -> Body
    ) {
        for (action, approve) in [("approve", true), ("reject", false)] {
            api.secured(.post, RouterPath("\(path)/\(action)"), .contributionApprove) { request, context, principal in
                let region = try RegionCode.parse(context.parameters.require("admdvs"))
                try principal.authorize(.contributionApprove, on: Scope(region: region))
                guard let id = Int64(try context.parameters.require("id")) else {
                    throw DomainError(code: "ID_INVALID", message: "编号无效", messageEn: "invalid id", path: "id")
                }
                let decision = try await request.decodeJSON(as: Decision.self, context: context)
                return JSONResponse(try await decide(region.value, id, approve, decision.note ?? "", principal.auditActor))
            }
        }
    }

    /// The `status=` query of a list of `subject` requests; nil when absent.
    static func status(_ request: Request, _ subject: Approval.Subject) throws -> Approval.Status? {
        try request.uri.queryParameters.get("status").map { text in
            guard let status = Approval.Status(rawValue: String(text)) else {
                throw DomainError(code: "\(subject.code)_STATUS", message: "状态应为 requested / approved / rejected",
                                  messageEn: "status must be requested, approved or rejected", path: "status")
            }
            return status
        }
    }
}
