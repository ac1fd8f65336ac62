import Hummingbird
import YibaoCore
import YibaoStore

/// An employer's contributions, as the agency and the employer's own user (单位网厅) see them: the annual
/// base declaration, the locked bases, the bills of a range of months (its statement, optionally of one
/// employee), its arrears with late fees exact for a date, and the statement lines it paid with.
/// Every route names the employer in its path and is scoped to it (`Services.employer`).
struct EmployerContributionRoutes {
    let services: Services

    /// `{"year": 2026, "bases": [{"psn_no": "…", "declared": "8000.00"}]}`
    struct Declaration: Decodable, Sendable {
        struct Entry: Decodable, Sendable {
            var psn_no: String
            var declared: Money
        }
        var year: Int
        var bases: [Entry]
    }

    struct Base: Encodable, Sendable {
        var psn_no: String
        var declared: Money
        var base: Money
        var adjustment: String
        var reason: String?
        var reason_en: String?

        init(_ psnNo: Int64, _ b: ContributionBase) {
            (psn_no, declared, base, adjustment) = (String(psnNo), b.declared, b.amount, b.adjustment.rawValue)
            (reason, reason_en) = (b.reason?.zh, b.reason?.en)
        }
    }

    struct Bases: Encodable, Sendable {
        var employer_id: String
        var year: Int
        var items: [Base]
    }

    struct Bill: Encodable, Sendable {
        var month: String
        var psn_no: String
        var name: String
        var employer_share: Money
        var individual_share: Money
        var total: Money
        var paid: Money
        var due_date: String
        var cleared_on: String?
    }

    struct Statement: Encodable, Sendable {
        var employer_id: String
        var from: String
        var through: String
        var items: [Bill]
        var employer_share: Money
        var individual_share: Money
        var total: Money
        var paid: Money
    }

    struct Payment: Encodable, Sendable {
        var statement: String
        var line: Int
        var amount: Money
        var paid_on: String
        var unallocated: Money
    }

    func register(on api: RouterGroup<YibaoRequestContext>) {
        api.secured(.post, "/employers/:admdvs/:id/bases", .employerDeclare) { request, context, principal in
            let employer = try await employer(context, principal, .employerDeclare)
            let body = try await request.decodeJSON(as: Declaration.self, context: context)
            let entries = try body.bases.enumerated().map { index, entry in
                guard let psnNo = Int64(entry.psn_no) else {
                    throw DomainError(code: "PSN_NO_INVALID", message: "人员编号无效", messageEn: "invalid psn_no", path: "bases[\(index)].psn_no")
                }
                return (psnNo: psnNo, declared: entry.declared)
            }
            let locked = try await services.database.write { db in
                try await ContributionBaseRepository.declare(employer: employer, year: body.year, bases: entries, by: principal.auditActor, in: db)
            }
            return JSONResponse(Bases(employer_id: String(employer.id), year: body.year,
                                      items: zip(entries, locked).map { Base($0.psnNo, $1) }), status: .created)
        }
        api.secured(.get, "/employers/:admdvs/:id/bases", .contributionRead) { request, context, principal in
            let employer = try await employer(context, principal, .contributionRead)
            guard let text = request.uri.queryParameters.get("year"), let year = Int(text) else {
                throw DomainError(code: "YEAR_REQUIRED", message: "请提供年度 year=YYYY", messageEn: "give the year as year=YYYY", path: "year")
            }
            let bases = try await services.database.read { db in
                try await ContributionBaseRepository.bases(admdvs: employer.admdvs, employerID: employer.id, year: year, in: db)
            }
            return JSONResponse(Bases(employer_id: String(employer.id), year: year, items: bases.map { Base($0.psnNo, $0.base) }))
        }
        // `month=YYYY-MM`, or `from` and `through`; `psn_no` for one employee's contribution record.
        api.secured(.get, "/employers/:admdvs/:id/bills", .contributionRead) { request, context, principal in
            let employer = try await employer(context, principal, .contributionRead)
            let query = request.uri.queryParameters
            let (from, through) = try Self.months(month: query.get("month"), from: query.get("from"), through: query.get("through"))
            let psnNo = try query.get("psn_no").map { text in
                guard let psnNo = Int64(text) else {
                    throw DomainError(code: "PSN_NO_INVALID", message: "人员编号无效", messageEn: "invalid psn_no", path: "psn_no")
                }
                return psnNo
            }
            return JSONResponse(try await Self.statement(employer, from: from, through: through, psnNo: psnNo, services: services))
        }
        api.secured(.get, "/employers/:admdvs/:id/arrears", .contributionRead) { request, context, principal in
            let employer = try await employer(context, principal, .contributionRead)
            guard let on = request.uri.queryParameters.get("on") else {
                throw DomainError(code: "DATE_REQUIRED", message: "请提供查询日期 on=YYYY-MM-DD", messageEn: "give the date as on=YYYY-MM-DD", path: "on")
            }
            let date: LocalDate
            do throws(DomainError) { date = try LocalDate.parse(String(on)) } catch { throw error.at("on") }
            return JSONResponse(try await Debts.of(employer, on: date, services: services))
        }
        api.secured(.get, "/employers/:admdvs/:id/payments", .contributionRead) { _, context, principal in
            let employer = try await employer(context, principal, .contributionRead)
            let payments = try await services.database.read { db in try await EmployerAccountQuery.payments(employer, in: db) }
            return JSONResponse(ItemList(items: payments.map {
                Payment(statement: $0.statement, line: $0.line, amount: $0.amount, paid_on: $0.paidOn.description, unallocated: $0.unallocated)
            }))
        }
    }

    /// The employer's bills of the months `from`–`through` with the employees' names and the totals: the
    /// API's statement and the console's CSV download.
    static func statement(_ employer: EmployerRecord, from: BillingMonth, through: BillingMonth, psnNo: Int64? = nil,
                          services: Services) async throws -> Statement {
        let (bills, names) = try await services.database.read { db in
            let bills = try await EmployerAccountQuery.bills(employer, from: from.description, through: through.description, psnNo: psnNo, in: db)
            let persons = try await PersonSearch.find(psnNos: Array(Set(bills.map(\.psnNo))), admdvs: employer.admdvs, in: db)
            return (bills, Dictionary(persons.map { ($0.psnNo, $0.name) }, uniquingKeysWith: { a, _ in a }))
        }
        func sum(_ pick: (ContributionBill) -> Money) -> Money { bills.reduce(.zero) { $0 + pick($1) } }
        return Statement(employer_id: String(employer.id), from: from.description, through: through.description,
                         items: bills.map { b in
                             Bill(month: b.month, psn_no: String(b.psnNo), name: names[b.psnNo] ?? "", employer_share: b.employerShare,
                                  individual_share: b.individualShare, total: b.total, paid: b.paid, due_date: b.dueDate.description,
                                  cleared_on: b.clearedOn?.description)
                         },
                         employer_share: sum(\.employerShare), individual_share: sum(\.individualShare), total: sum(\.total), paid: sum(\.paid))
    }

    /// The months a statement covers: `month` alone, or `from` through `through` (in order).
    static func months(month: String?, from: String?, through: String?) throws(DomainError) -> (BillingMonth, BillingMonth) {
        switch (month, from, through) {
        case (let month?, nil, nil):
            let single = try BillingMonth.parse(month)
            return (single, single)
        case (nil, let from?, let through?):
            let range = (try BillingMonth.parse(from, field: "from"), try BillingMonth.parse(through, field: "through"))
            guard range.0 <= range.1 else {
                throw DomainError(code: "MONTH_RANGE", message: "起始月份 \(from) 晚于截止月份 \(through)",
                                  messageEn: "from \(from) is after through \(through)", path: "from")
            }
            return range
        default:
            throw DomainError(code: "MONTH_REQUIRED", message: "请提供月份 month=YYYY-MM，或 from=YYYY-MM 与 through=YYYY-MM",
                              messageEn: "give month=YYYY-MM, or from=YYYY-MM and through=YYYY-MM", path: "month")
        }
    }

    private func employer(_ context: YibaoRequestContext, _ principal: Principal, _ permission: Permission) async throws -> EmployerRecord {
        try await services.employer(region: context.parameters.require("admdvs"), id: context.parameters.get("id"), principal, permission)
    }
}
