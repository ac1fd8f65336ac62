import Hummingbird
import YibaoCore
import YibaoStore

/// Back-payments (补缴) under maker-checker: a user with `contribution.write` asks for a resident's missed
/// years or an employee-scheme person's missed months, a different user with `contribution.approve`
/// approves (which bills them, no subsidy) or rejects (`BackPaymentRepository`).
struct BackPaymentRoutes {
    let services: Services

    /// `{"years": [2025, 2026], "reason": "…"}` for a resident, `{"months": ["2025-03", …], "reason": "…"}`
    /// for the employee scheme.
    struct Request: Decodable, Sendable {
        var years: [Int]?
        var months: [String]?
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
        /// `employer_id` "0" for a person paying alone; `due` is `month_due` (the bill is due on `due_date`)
        /// or `approval` (due on the approval day).
        struct Month: Encodable, Sendable {
            var month: String
            var employer_id: String
            var base: Money
            var employer_share: Money
            var individual_share: Money
            var amount: Money
            var due_date: String
            var due: String
        }
        var id: String
        var psn_no: String
        var amount: Money
        var years: [Year]
        var months: [Month]
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
            months = b.months.map { m in
                Month(month: m.month.description, employer_id: String(m.employerID), base: m.base, employer_share: m.employerShare,
                      individual_share: m.individualShare, amount: m.amount, due_date: m.dueDate.description, due: m.due.rawValue)
            }
            (status, requested_by, decided_by, note) = (a.status.rawValue, a.requestedBy, a.decidedBy, a.decisionNote)
        }
    }

    func register(on api: RouterGroup<YibaoRequestContext>) {
        api.secured(.post, "/persons/:psn_no/back-payments", .contributionWrite) { request, context, principal in
            let person = try await services.person(context, principal, .contributionWrite)
            let body = try await request.decodeJSON(as: Request.self, context: context)
            let record = try await services.database.write { db in
                switch (body.years, body.months) {
                case (let years?, nil):
                    try await BackPaymentRepository.request(admdvs: person.admdvs, psnNo: person.psnNo, years: years, reason: body.reason,
                                                            on: Clock.today(), by: principal.auditActor, in: db)
                case (nil, let months?):
                    try await BackPaymentRepository.request(admdvs: person.admdvs, psnNo: person.psnNo, months: months, reason: body.reason,
                                                            on: Clock.today(), by: principal.auditActor, in: db)
                default:
                    throw DomainError(code: "BACK_PAYMENT_PERIODS", message: "请给出要补缴的年度 years（城乡居民）或月份 months（职工医保）之一",
                                      messageEn: "give either the years (residents) or the months (employee scheme) to back-pay", path: "years")
                }
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
                try await BackPaymentRepository.decide(admdvs: region, id: id, approve: approve, note: note, on: Clock.today(), by: actor, in: db)
            })
        }
    }
}
