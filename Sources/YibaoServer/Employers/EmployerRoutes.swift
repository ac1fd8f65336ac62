import Hummingbird
import SQLKit
import YibaoCore
import YibaoStore

/// Employers (参保单位) and their rosters. Identity numbers on the roster are masked unless the caller
/// may read them in full (`Authorization.identityText`). Agency staff act on the employers of their region;
/// an employer's own user (`employer_user`) on its own record alone (`Services.employer`).
struct EmployerRoutes {
    let services: Services

    /// An employer as the API reads and writes it (ids as strings: they exceed JavaScript's integers).
    struct EmployerBody: Codable, Sendable {
        var admdvs: String
        var id: String?
        var credit_code: String
        var name: String
        var kind: String
        var contact: String?

        init(_ e: EmployerRecord) {
            (admdvs, id, credit_code, name, kind, contact) = (e.admdvs, String(e.id), e.creditCode, e.name, e.kind, e.contact)
        }

        var record: EmployerRecord {
            EmployerRecord(admdvs: admdvs, creditCode: credit_code, name: name, kind: kind, contact: contact ?? "")
        }
    }

    /// 增员 / 减员 of one person, named by `psn_no` or by identity number (`certno`, what an employer knows
    /// of a new hire).
    struct RosterChange: Decodable, Sendable {
        var kind: EmployerRepository.RosterChange
        var psn_no: String?
        var certno: String?
        var month: String
    }

    /// The wage total (工资总额) the employer reports for a year.
    struct WageTotal: Codable, Sendable {
        var year: Int
        var wage_total: Money
    }

    struct RosterEntry: Encodable, Sendable {
        var psn_no: String
        var name: String
        var certno: String
        var psn_type: String
    }

    struct RosterEvent: Encodable, Sendable {
        var kind: String
        var month: String
        var psn_no: String
        var name: String
        var recorded_by: String
    }

    struct Detail: Encodable, Sendable {
        var employer: EmployerBody
        var month: String
        var roster: [RosterEntry]
    }

    func register(on api: RouterGroup<YibaoRequestContext>) {
        api.secured(.post, "/employers", .employerWrite) { request, context, principal in
            let employer = try await request.decodeJSON(as: EmployerBody.self, context: context).record
            try principal.authorize(.employerWrite, on: Scope(region: RegionCode.parse(employer.admdvs)))
            let created = try await services.database.write { db in
                try await EmployerRepository.create(employer, by: principal.auditActor, in: db)
            }
            return JSONResponse(EmployerBody(created), status: .created)
        }
        api.secured(.get, "/employers", .employerRead) { request, _, principal in
            let region = try request.uri.queryParameters.get("admdvs").map { try RegionCode.parse(String($0)) } ?? principal.region
            try principal.authorize(.employerRead, on: Scope(region: region))
            let list = try await services.database.read { db in try await EmployerRepository.list(admdvs: region.value, in: db) }
            return JSONResponse(ItemList(items: list.map(EmployerBody.init)))
        }
        api.secured(.get, "/employers/:admdvs/:id", .employerRead) { request, context, principal in
            let employer = try await employer(context, principal, .employerRead)
            let month = request.uri.queryParameters.get("month").map { String($0) } ?? "9999-12"
            _ = try BillingMonth.parse(month)
            let roster = try await services.database.read { db in
                let members = try await EmployerRepository.roster(admdvs: employer.admdvs, month: month, employerID: employer.id, in: db)
                var entries: [RosterEntry] = []
                for member in members {
                    guard let person = try await PersonRepository.find(psnNo: member.psnNo, in: db) else { continue }
                    let certno = (try? IdentityNumber.parse(person.certno)).map { Authorization.identityText($0, for: principal) } ?? ""
                    entries.append(RosterEntry(psn_no: String(person.psnNo), name: person.name, certno: certno, psn_type: person.category.rawValue))
                }
                return entries
            }
            return JSONResponse(Detail(employer: EmployerBody(employer), month: month, roster: roster))
        }
        // The hires and leaves taking effect in `month`, or from `from` through `through`.
        api.secured(.get, "/employers/:admdvs/:id/roster-changes", .employerRead) { request, context, principal in
            let employer = try await employer(context, principal, .employerRead)
            let query = request.uri.queryParameters
            let (from, through) = try EmployerContributionRoutes.months(month: query.get("month"), from: query.get("from"), through: query.get("through"))
            let events = try await services.database.read { db in
                let events = try await EmployerRepository.changes(employer, from: from.description, through: through.description, in: db)
                let persons = try await PersonSearch.find(psnNos: Array(Set(events.map(\.psnNo))), admdvs: employer.admdvs, in: db)
                let names = Dictionary(persons.map { ($0.psnNo, $0.name) }, uniquingKeysWith: { a, _ in a })
                return events.map { RosterEvent(kind: $0.kind.rawValue, month: $0.month, psn_no: String($0.psnNo), name: names[$0.psnNo] ?? "",
                                                recorded_by: $0.recordedBy) }
            }
            return JSONResponse(ItemList(items: events))
        }
        api.secured(.post, "/employers/:admdvs/:id/wage-totals", .employerDeclare) { request, context, principal in
            let employer = try await employer(context, principal, .employerDeclare)
            let body = try await request.decodeJSON(as: WageTotal.self, context: context)
            try await services.database.write { db in
                try await FallingBaseReport.recordWageTotal(admdvs: employer.admdvs, employerID: employer.id, year: body.year, total: body.wage_total,
                                                            by: principal.auditActor, in: db)
            }
            return JSONResponse(body, status: .created)
        }
        api.secured(.post, "/employers/:admdvs/:id/roster", .employerDeclare) { request, context, principal in
            let employer = try await employer(context, principal, .employerDeclare)
            let change = try await request.decodeJSON(as: RosterChange.self, context: context)
            try await services.database.write { db in
                let psnNo = try await Self.person(change, in: employer.admdvs, db)
                try await EmployerRepository.record(change.kind, employer: employer, psnNo: psnNo, month: change.month, by: principal.auditActor, in: db)
            }
            return Response(status: .noContent)
        }
    }

    private func employer(_ context: YibaoRequestContext, _ principal: Principal, _ permission: Permission) async throws -> EmployerRecord {
        try await services.employer(region: context.parameters.require("admdvs"), id: context.parameters.get("id"), principal, permission)
    }

    /// The `psn_no` of the change's person: given, or found by identity number in the employer's region.
    private static func person(_ change: RosterChange, in region: String, _ db: any SQLDatabase) async throws -> Int64 {
        switch (change.psn_no, change.certno) {
        case (let text?, nil):
            guard let psnNo = Int64(text) else {
                throw DomainError(code: "PSN_NO_INVALID", message: "人员编号无效", messageEn: "invalid psn_no", path: "psn_no")
            }
            return psnNo
        case (nil, let text?):
            let number: IdentityNumber
            do throws(DomainError) { number = try IdentityNumber.parse(text) } catch { throw error.at("certno") }
            guard let person = try await PersonRepository.find(certno: number.value, in: db).first(where: { $0.admdvs == region }) else {
                throw DomainError(.notFound, code: "PERSON_NOT_FOUND", message: "统筹区 \(region) 没有身份证号码为 \(number.masked) 的参保人",
                                  messageEn: "no insured person with identity number \(number.masked) in region \(region)", path: "certno")
            }
            return person.psnNo
        default:
            throw DomainError(code: "ROSTER_PERSON_REQUIRED", message: "请用 psn_no 或 certno 之一指明人员",
                              messageEn: "name the person by psn_no or by certno, not both", path: "psn_no")
        }
    }
}
