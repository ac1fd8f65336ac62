import Hummingbird
import YibaoCore
import YibaoStore

/// The billing batch as an API call (same idempotent run as `yibao billing run`) and the collection KPIs.
struct ContributionRoutes {
    let services: Services

    struct RunRequest: Decodable, Sendable { var month: String }

    /// One unpaid month as of the query date, with its late fee computed exactly for that date.
    struct Debt: Encodable, Sendable {
        var month: String
        var principal: Money
        var outstanding: Money
        var due_date: String
        var late_fee: Money
        var months_overdue: Int
        var escalation: String?
    }

    struct Debts: Encodable, Sendable {
        var psn_no: String
        var on: String
        var items: [Debt]
        var outstanding: Money
        var late_fees: Money
    }

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
            let date = try LocalDate.parse(String(on))
            let policy = try await services.policies.inForce(region: person.admdvs, insutype: person.insutype, on: date)?
                .section(ContributionPolicy.self) ?? ContributionPolicy()
            let debts = try await services.database.read { db in
                try await ArrearsRepository.debts(admdvs: person.admdvs, psnNo: person.psnNo, on: date, in: db)
            }
            let items = debts.map { d in
                let debt = d.arrear
                return Debt(month: d.month, principal: debt.principal, outstanding: debt.outstanding(on: date),
                            due_date: debt.dueDate.description, late_fee: policy.lateFees.map { debt.lateFee(asOf: date, rule: $0) } ?? .zero,
                            months_overdue: debt.monthsOverdue(on: date), escalation: debt.escalation(on: date, steps: policy.escalation)?.level)
            }
            return JSONResponse(Debts(psn_no: String(person.psnNo), on: date.description, items: items,
                                      outstanding: items.reduce(.zero) { $0 + $1.outstanding },
                                      late_fees: items.reduce(.zero) { $0 + $1.late_fee }))
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
