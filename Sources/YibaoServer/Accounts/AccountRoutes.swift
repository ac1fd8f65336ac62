import Hummingbird
import YibaoCore
import YibaoStore

/// The personal-account statement for a period (an insured person may read their own).
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

    func register(on api: RouterGroup<YibaoRequestContext>) {
        api.secured(.get, "/persons/:psn_no/account-statement", .accountRead) { request, context, principal in
            guard let psnNo = Int64(try context.parameters.require("psn_no")), let person = try await services.persons.find(psnNo: psnNo) else {
                throw DomainError(.notFound, code: "PERSON_NOT_FOUND", message: "参保人不存在", messageEn: "no such person", path: "psn_no")
            }
            try principal.authorize(.accountRead, on: Scope(region: try RegionCode.parse(person.admdvs), personID: person.psnNo))
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
