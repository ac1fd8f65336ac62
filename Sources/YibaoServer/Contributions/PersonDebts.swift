import YibaoCore
import YibaoStore

/// A person's unpaid months as of a date, each with its late fee computed exactly for that date from
/// the contributions policy in force: what `GET /api/persons/{psn_no}/arrears` returns and the
/// console's person page shows.
struct PersonDebts: Encodable, Sendable {
    /// One unpaid month.
    struct Debt: Encodable, Sendable {
        var month: String
        var principal: Money
        var outstanding: Money
        var due_date: String
        var late_fee: Money
        var months_overdue: Int
        var escalation: String?
    }

    var psn_no: String
    var on: String
    var items: [Debt]
    var outstanding: Money
    var late_fees: Money

    static func load(_ person: PersonRecord, on date: LocalDate, services: Services) async throws -> PersonDebts {
        let policy = try await services.contributionPolicy(for: person, on: date)
        let debts = try await services.database.read { db in
            try await ArrearsRepository.debts(admdvs: person.admdvs, psnNo: person.psnNo, on: date, in: db)
        }
        let items = debts.map { d in
            let debt = d.arrear
            return Debt(month: d.month, principal: debt.principal, outstanding: debt.outstanding(on: date),
                        due_date: debt.dueDate.description, late_fee: policy.lateFees.map { debt.lateFee(asOf: date, rule: $0) } ?? .zero,
                        months_overdue: debt.monthsOverdue(on: date), escalation: debt.escalation(on: date, steps: policy.escalation)?.level)
        }
        return PersonDebts(psn_no: String(person.psnNo), on: date.description, items: items,
                           outstanding: items.reduce(.zero) { $0 + $1.outstanding }, late_fees: items.reduce(.zero) { $0 + $1.late_fee })
    }
}

extension Services {
    /// The contributions section in force for the person's scheme on `date` (an empty policy when none
    /// is published: no waiting period, no late fees).
    func contributionPolicy(for person: PersonRecord, on date: LocalDate) async throws -> ContributionPolicy {
        try await policies.inForce(region: person.admdvs, insutype: person.insutype, on: date)?.section(ContributionPolicy.self)
            ?? ContributionPolicy()
    }

    /// The eligibility answer for the person on `date`, with its reason.
    func coverage(of person: PersonRecord, on date: LocalDate) async throws -> CoverageAnswer {
        let policy = try await contributionPolicy(for: person, on: date)
        // The special statuses of that date, not the registered set, decide (a 低保 period, say).
        return try await database.read { db in
            try await CoverageQuery.answer(for: try await PersonRepository.asOf(person, date, in: db), on: date, policy: policy, in: db)
        }
    }
}
