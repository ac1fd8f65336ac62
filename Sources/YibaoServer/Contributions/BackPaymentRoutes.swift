import Hummingbird
import YibaoCore
import YibaoStore

/// Back-payments (补缴) of residents' missed years under maker-checker: a user with
/// `contribution.write` asks for a person's years, a different user with `contribution.approve` approves
/// (which bills them, whole premium, no subsidy) or rejects (`BackPaymentRepository`).
struct BackPaymentRoutes {
    let services: Services

    /// `{"years": [2025, 2026], "reason": "…"}`
    struct Request: Decodable, Sendable {
        var years: [Int]
        var reason: String
    }

    struct Body: Encodable, Sendable {
        struct Year: Encodable, Sendable {
            var year: Int
            var category: String
            var age: Int
            var statuses: [String]
            var amount: Money
            var due_date: String
        }
        var id: String
        var psn_no: String
        var amount: Money
        var years: [Year]
        var reason: String
        var status: String
        var requested_by: String
        var decided_by: String?
        var note: String

        init(_ r: BackPaymentRepository.Record) {
            let (b, a) = (r.backPayment, r.backPayment.approval)
            (id, psn_no, amount, reason) = (String(r.id), String(r.psnNo), b.total, a.reason)
            years = b.years.map { y in
                Year(year: y.year, category: y.category.rawValue, age: y.age,
                     statuses: SpecialStatuses.names.filter { y.statuses.contains($0.1) }.map(\.0), amount: y.amount, due_date: y.dueDate.description)
            }
            (status, requested_by, decided_by, note) = (a.status.rawValue, a.requestedBy, a.decidedBy, a.decisionNote)
        }
    }

    func register(on api: RouterGroup<YibaoRequestContext>) {
        api.secured(.post, "/persons/:psn_no/back-payments", .contributionWrite) { request, context, principal in
            let person = try await services.person(context, principal, .contributionWrite)
            let body = try await request.decodeJSON(as: Request.self, context: context)
            let record = try await services.database.write { db in
                try await BackPaymentRepository.request(admdvs: person.admdvs, psnNo: person.psnNo, years: body.years, reason: body.reason,
                                                        on: Clock.today(), by: principal.auditActor, in: db)
            }
            return JSONResponse(Body(record), status: .created)
        }
        api.secured(.get, "/persons/:psn_no/back-payments", .contributionRead) { request, context, principal in
            let person = try await services.person(context, principal, .contributionRead)
            let status = try ApprovalRoutes.status(request, BackPayment.subject)
            let list = try await services.database.read { db in
                try await BackPaymentRepository.list(admdvs: person.admdvs, status: status, psnNo: person.psnNo, in: db)
            }
            return JSONResponse(ItemList(items: list.map(Body.init)))
        }
        api.secured(.get, "/regions/:admdvs/back-payments", .contributionRead) { request, context, principal in
            let region = try RegionCode.parse(context.parameters.require("admdvs"))
            try principal.authorize(.contributionRead, on: Scope(region: region))
            let status = try ApprovalRoutes.status(request, BackPayment.subject)
            let list = try await services.database.read { db in try await BackPaymentRepository.list(admdvs: region.value, status: status, in: db) }
            return JSONResponse(ItemList(items: list.map(Body.init)))
        }
        ApprovalRoutes.decisions(on: api, path: "/regions/:admdvs/back-payments/:id") { region, id, approve, note, actor in
            Body(try await services.database.write { db in
                try await BackPaymentRepository.decide(admdvs: region, id: id, approve: approve, note: note, by: actor, in: db)
            })
        }
    }
}
