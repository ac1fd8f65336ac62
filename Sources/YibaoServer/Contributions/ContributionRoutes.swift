import Hummingbird
import YibaoCore
import YibaoStore

/// The billing batch as an API call (same idempotent run as `yibao billing run`) and the collection KPIs.
struct ContributionRoutes {
    let services: Services

    struct RunRequest: Decodable, Sendable { var month: String }
    struct ResidentRunRequest: Decodable, Sendable { var year: Int }

    /// One employer flagged by the falling-base audit, with both years' figures.
    struct FallingBase: Encodable, Sendable {
        struct Figures: Encodable, Sendable {
            var declared_base: Money
            var headcount: Int
            var wage_total: Money?
            init(_ y: DeclarationTrend.Year) { (declared_base, headcount, wage_total) = (y.declaredBase, y.headcount, y.wageTotal) }
        }
        var employer_id: String
        var credit_code: String
        var name: String
        var previous: Figures
        var current: Figures
        var reasons: [DeclarationTrend.Reason]
    }

    /// A deferral agreement (缓缴协议) for an employer's bills or one person's: exactly one of the two ids.
    struct DeferralBody: Codable, Sendable {
        var employer_id: String?
        var psn_no: String?
        var from: LocalDate
        var through: LocalDate
        var reason: String
    }

    struct PaidMonths: Encodable, Sendable {
        var psn_no: String
        var paid_months: Int
        var months: [String]
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
        api.secured(.post, "/regions/:admdvs/resident-billing-runs", .contributionWrite) { request, context, principal in
            let region = try RegionCode.parse(context.parameters.require("admdvs"))
            try principal.authorize(.contributionWrite, on: Scope(region: region))
            let body = try await request.decodeJSON(as: ResidentRunRequest.self, context: context)
            guard (1990...2200).contains(body.year) else {
                throw DomainError(code: "YEAR_INVALID", message: "缴费年度无效：\(body.year)", messageEn: "invalid contribution year \(body.year)", path: "year")
            }
            return JSONResponse(try await ResidentBillingRun(database: services.database).run(region: region.value, year: body.year,
                                                                                                by: principal.auditActor))
        }
        // Employers whose declared base fell while headcount or wages rose (year against the year before).
        api.secured(.get, "/regions/:admdvs/falling-base-report", .contributionRead) { request, context, principal in
            let region = try RegionCode.parse(context.parameters.require("admdvs"))
            try principal.authorize(.contributionRead, on: Scope(region: region))
            guard let yearText = request.uri.queryParameters.get("year"), let year = Int(yearText), (1991...2200).contains(year) else {
                throw DomainError(code: "YEAR_REQUIRED", message: "请提供年度 year=YYYY", messageEn: "give the year as year=YYYY", path: "year")
            }
            guard let rule = try await services.policies.inForce(region: region.value, insutype: Insutype.employeeBasic.rawValue,
                                                                 on: LocalDate(year: year, month: 1, day: 1)!)?.section(ContributionPolicy.self)?.base else {
                throw DomainError(.notFound, code: "BASE_RULE_MISSING", message: "统筹区 \(region) 在 \(year) 年没有缴费基数申报规则",
                                  messageEn: "region \(region) has no declared-base rule in force in \(year)", path: "year")
            }
            let rows = try await services.database.read { db in
                try await FallingBaseReport.compute(region: region.value, year: year, declarationMonth: rule.declarationMonth, in: db)
            }
            return JSONResponse(ItemList(items: rows.map {
                FallingBase(employer_id: String($0.employer.id), credit_code: $0.employer.creditCode, name: $0.employer.name,
                            previous: .init($0.trend.previous), current: .init($0.trend.current), reasons: $0.reasons)
            }))
        }
        // No late fee accrues and benefits are kept on the days the agreement covers (002 L27).
        api.secured(.post, "/regions/:admdvs/deferrals", .contributionWrite) { request, context, principal in
            let region = try RegionCode.parse(context.parameters.require("admdvs"))
            try principal.authorize(.contributionWrite, on: Scope(region: region))
            let body = try await request.decodeJSON(as: DeferralBody.self, context: context)
            func id(_ text: String?, _ field: String) throws -> Int64 {
                guard let text else { return 0 }
                guard let id = Int64(text), id > 0 else {
                    throw DomainError(code: "ID_INVALID", message: "编号无效：“\(text)”", messageEn: "invalid id \"\(text)\"", path: field)
                }
                return id
            }
            let (employer, person) = (try id(body.employer_id, "employer_id"), try id(body.psn_no, "psn_no"))
            try await services.database.write { db in
                try await DeferralRepository.record(admdvs: region.value, employerID: employer, psnNo: person,
                                                    deferral: Deferral(from: body.from, through: body.through), reason: body.reason,
                                                    by: principal.auditActor, in: db)
            }
            return JSONResponse(body, status: .created)
        }
        api.secured(.get, "/persons/:psn_no/arrears", .contributionRead) { request, context, principal in
            let person = try await services.person(context, principal, .contributionRead)
            guard let on = request.uri.queryParameters.get("on") else {
                throw DomainError(code: "DATE_REQUIRED", message: "请提供查询日期 on=YYYY-MM-DD", messageEn: "give the date as on=YYYY-MM-DD", path: "on")
            }
            return JSONResponse(try await Debts.of(person, on: try LocalDate.parse(String(on)), services: services))
        }
        // Months paid toward the contribution years: a back-paid month counts once its bill is cleared.
        api.secured(.get, "/persons/:psn_no/contribution-months", .contributionRead) { _, context, principal in
            let person = try await services.person(context, principal, .contributionRead)
            let months = try await services.database.read { db in try await ContributionMonths.paid(admdvs: person.admdvs, psnNo: person.psnNo, in: db) }
            return JSONResponse(PaidMonths(psn_no: String(person.psnNo), paid_months: months.count, months: months))
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
