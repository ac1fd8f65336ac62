import Hummingbird
import YibaoCore
import YibaoStore

/// The personal-account statement for a period (an insured person may read their own), and the account
/// operations other than credits and settlements (`account.write`): a retiree's pension (the basis of
/// their credit), a balance arriving from another region, inheritance after death.
struct AccountRoutes {
    let services: Services

    struct Statement: Encodable, Sendable {
        var psn_no: String
        var from: String
        var through: String
        var opening: AccountBalances
        var movements: [AccountStatementQuery.Movement]
        var closing: AccountBalances
    }

    struct Pension: Decodable, Sendable { var year: Int; var monthly: Money }
    struct TransferIn: Decodable, Sendable { var from: String; var first_level: Money; var second_level: Money? }
    struct Inheritance: Decodable, Sendable { var heir_psn_no: String? }
    struct Moved: Encodable, Sendable { var psn_no: String; var moved: AccountBalances; var to: String }

    func register(on api: RouterGroup<YibaoRequestContext>) {
        api.secured(.post, "/persons/:psn_no/pensions", .accountWrite) { request, context, principal in
            let person = try await services.person(context, principal, .accountWrite)
            let body = try await request.decodeJSON(as: Pension.self, context: context)
            try await services.database.write { db in
                try await PensionRepository.record(admdvs: person.admdvs, psnNo: person.psnNo, year: body.year, monthly: body.monthly,
                                                   by: principal.auditActor, in: db)
            }
            return Response(status: .created)
        }
        api.secured(.post, "/persons/:psn_no/account-transfers-in", .accountWrite) { request, context, principal in
            let person = try await services.person(context, principal, .accountWrite)
            let body = try await request.decodeJSON(as: TransferIn.self, context: context)
            let origin: RegionCode
            do { origin = try RegionCode.parse(body.from) } catch let error as DomainError { throw error.at("from") }
            let amounts = AccountBalances(firstLevel: body.first_level, secondLevel: body.second_level ?? .zero)
            try await services.database.write { db in
                try await AccountTransfers.transferIn(person, from: origin, amounts: amounts, by: principal.auditActor, in: db)
            }
            return JSONResponse(Moved(psn_no: String(person.psnNo), moved: amounts, to: "person:\(person.psnNo)"), status: .created)
        }
        api.secured(.post, "/persons/:psn_no/account-inheritance", .accountWrite) { request, context, principal in
            let person = try await services.person(context, principal, .accountWrite)
            let body = try await request.decodeJSON(as: Inheritance.self, context: context)
            let moved = try await services.database.write { db in
                var heir: PersonRecord?
                if let text = body.heir_psn_no {
                    guard let psnNo = Int64(text), let found = try await PersonRepository.find(psnNo: psnNo, in: db) else {
                        throw DomainError(.notFound, code: "PERSON_NOT_FOUND", message: "继承人不存在", messageEn: "no such heir", path: "heir_psn_no")
                    }
                    heir = found
                }
                return (try await AccountTransfers.inherit(from: person, to: heir, by: principal.auditActor, in: db),
                        heir.map { "person:\($0.psnNo)" } ?? "inheritance_payable:\(person.admdvs)")
            }
            return JSONResponse(Moved(psn_no: String(person.psnNo), moved: moved.0, to: moved.1), status: .created)
        }
        api.secured(.get, "/persons/:psn_no/account-statement", .accountRead) { request, context, principal in
            let person = try await services.person(context, principal, .accountRead)
            let query = request.uri.queryParameters
            guard let fromText = query.get("from"), let throughText = query.get("through") else {
                throw DomainError(code: "PERIOD_REQUIRED", message: "请提供期间 from=YYYY-MM-DD&through=YYYY-MM-DD",
                                  messageEn: "give the period as from=YYYY-MM-DD&through=YYYY-MM-DD", path: "from")
            }
            let from = try LocalDate.parse(String(fromText))
            let through = try LocalDate.parse(String(throughText))
            let statement = try await services.database.read { db in
                try await AccountStatementQuery.statement(admdvs: person.admdvs, psnNo: person.psnNo, from: from, through: through, in: db)
            }
            return JSONResponse(Statement(psn_no: String(person.psnNo), from: from.description, through: through.description,
                                          opening: statement.opening, movements: statement.movements, closing: statement.closing))
        }
    }
}
