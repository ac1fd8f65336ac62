import Hummingbird
import YibaoCore
import YibaoStore

/// Employers (参保单位) and their rosters. Identity numbers on the roster are masked unless the caller
/// may read them in full (`Authorization.identityText`).
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

    struct RosterChange: Decodable, Sendable {
        var kind: EmployerRepository.RosterChange
        var psn_no: String
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
        api.secured(.post, "/employers/:admdvs/:id/wage-totals", .employerWrite) { request, context, principal in
            let employer = try await employer(context, principal, .employerWrite)
            let body = try await request.decodeJSON(as: WageTotal.self, context: context)
            try await services.database.write { db in
                try await FallingBaseReport.recordWageTotal(admdvs: employer.admdvs, employerID: employer.id, year: body.year, total: body.wage_total,
                                                            by: principal.auditActor, in: db)
            }
            return JSONResponse(body, status: .created)
        }
        api.secured(.post, "/employers/:admdvs/:id/roster", .employerWrite) { request, context, principal in
            let employer = try await employer(context, principal, .employerWrite)
            let change = try await request.decodeJSON(as: RosterChange.self, context: context)
            guard let psnNo = Int64(change.psn_no) else {
                throw DomainError(code: "PSN_NO_INVALID", message: "人员编号无效", messageEn: "invalid psn_no", path: "psn_no")
            }
            try await services.database.write { db in
                guard let person = try await PersonRepository.find(psnNo: psnNo, in: db), person.admdvs == employer.admdvs else {
                    throw DomainError(.notFound, code: "PERSON_NOT_FOUND", message: "本统筹区没有该参保人", messageEn: "no such person in the region",
                                      path: "psn_no")
                }
                try await EmployerRepository.change(change.kind, employerID: employer.id, psnNo: psnNo, month: change.month,
                                                    admdvs: employer.admdvs, by: principal.auditActor, in: db)
            }
            return Response(status: .noContent)
        }
    }

    private func employer(_ context: YibaoRequestContext, _ principal: Principal, _ permission: Permission) async throws -> EmployerRecord {
        let region = try RegionCode.parse(context.parameters.require("admdvs"))
        try principal.authorize(permission, on: Scope(region: region))
        guard let id = Int64(try context.parameters.require("id")),
              let employer = try await services.database.read({ db in try await EmployerRepository.find(admdvs: region.value, id: id, in: db) }) else {
            throw DomainError(.notFound, code: "EMPLOYER_NOT_FOUND", message: "参保单位不存在", messageEn: "no such employer", path: "id")
        }
        return employer
    }
}
