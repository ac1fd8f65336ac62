import Hummingbird
import YibaoCore
import YibaoStore

/// Enrolment changes and the eligibility query (issue 4 item 3), scoped to the person's region (an
/// insured person may ask about themself).
struct RegistryRoutes {
    let services: Services

    /// `{"kind": "interrupt" | "resume" | "terminate" | "transfer", "date": …, "gap_paid_on": …, "reason": …, "to": …}`
    struct Change: Decodable, Sendable {
        var kind: String
        var date: LocalDate
        var gap_paid_on: LocalDate?
        var reason: TerminationReason?
        var to: String?
    }

    func register(on api: RouterGroup<YibaoRequestContext>) {
        api.secured(.get, "/persons/:psn_no/eligibility", .enrolmentRead) { request, context, principal in
            let person = try await services.person(context, principal, .enrolmentRead)
            guard let on = request.uri.queryParameters.get("on") else {
                throw DomainError(code: "DATE_REQUIRED", message: "请提供查询日期 on=YYYY-MM-DD", messageEn: "give the date as on=YYYY-MM-DD", path: "on")
            }
            let date = try LocalDate.parse(on)
            let answer = try await services.coverage(of: person, on: date)
            return JSONResponse(CoverageBody(psnNo: person.psnNo, on: date, answer: answer))
        }
        api.secured(.post, "/persons/:psn_no/enrolment-events", .enrolmentWrite) { request, context, principal in
            let person = try await services.person(context, principal, .enrolmentWrite)
            let change = try await request.decodeJSON(as: Change.self, context: context)
            let event: EnrolmentEvent
            switch change.kind {
            case "interrupt": event = .interrupted(on: change.date)
            case "resume": event = .resumed(on: change.date, gapPaidOn: change.gap_paid_on)
            case "terminate": event = .terminated(on: change.date, reason: change.reason ?? .other)
            case "transfer":
                do { event = .transferred(on: change.date, to: try RegionCode.parse(change.to ?? "")) } catch let error as DomainError { throw error.at("to") }
            default:
                throw DomainError(code: "ENROLMENT_CHANGE_KIND", message: "变动类型应为 interrupt / resume / terminate / transfer",
                                  messageEn: "kind must be interrupt, resume, terminate or transfer", path: "kind")
            }
            let history = try await services.database.write { db in
                // A transfer (转移接续) carries the personal-account balance to the destination.
                if case .transferred(let date, let destination) = event {
                    try await AccountTransfers.transferOut(person, to: destination, on: date, by: principal.auditActor, in: db)
                    return try await EnrolmentRepository.history(admdvs: person.admdvs, psnNo: person.psnNo, in: db)
                }
                // The day the gap was paid comes from the approved back-payments when there are any (R23).
                if case .resumed(let date, let paidOn) = event {
                    return try await Resumption.record(admdvs: person.admdvs, psnNo: person.psnNo, on: date, gapPaidOn: paidOn,
                                                       by: principal.auditActor, in: db)
                }
                return try await EnrolmentRepository.append(event, admdvs: person.admdvs, psnNo: person.psnNo, by: principal.auditActor, in: db)
            }
            return JSONResponse(["psn_no": String(person.psnNo), "events": String(history.events.count)], status: .created)
        }
    }
}
