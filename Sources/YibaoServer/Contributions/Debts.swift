import YibaoCore
import YibaoStore

/// Unpaid months as of a date, each with its late fee computed exactly for that date from the
/// contributions policy in force: a person's (`GET /api/persons/{psn_no}/arrears`, the console's person
/// page) or an employer's (`GET /api/employers/{R}/{id}/arrears`, its own user's view).
struct Debts: Encodable, Sendable {
    /// One unpaid month (of one employee, in an employer's list).
    struct Debt: Encodable, Sendable {
        var month: String
        var psn_no: String?
        var principal: Money
        var outstanding: Money
        var due_date: String
        var late_fee: Money
        var months_overdue: Int
        var escalation: String?
    }

    var psn_no: String?
    var employer_id: String?
    var on: String
    var items: [Debt]
    var outstanding: Money
    var late_fees: Money

    static func of(_ person: PersonRecord, on date: LocalDate, services: Services) async throws -> Debts {
        let policy = try await services.contributionPolicy(region: person.admdvs, insutype: person.insutype, on: date)
        var debts = try await load(admdvs: person.admdvs, psnNo: person.psnNo, employerID: nil, on: date, policy: policy, services: services)
        debts.psn_no = String(person.psnNo)
        return debts
    }

    /// An employer's bills are the employee scheme's (310).
    static func of(_ employer: EmployerRecord, on date: LocalDate, services: Services) async throws -> Debts {
        let policy = try await services.contributionPolicy(region: employer.admdvs, insutype: Insutype.employeeBasic.rawValue, on: date)
        var debts = try await load(admdvs: employer.admdvs, psnNo: nil, employerID: employer.id, on: date, policy: policy, services: services)
        debts.employer_id = String(employer.id)
        return debts
    }

    private static func load(admdvs: String, psnNo: Int64?, employerID: Int64?, on date: LocalDate, policy: ContributionPolicy,
                             services: Services) async throws -> Debts {
        let debts = try await services.database.read { db in
            try await ArrearsRepository.debts(admdvs: admdvs, psnNo: psnNo, employerID: employerID, on: date, in: db)
        }
        let items = debts.map { d in
            let debt = d.arrear
            return Debt(month: d.month, psn_no: employerID == nil ? nil : String(d.psnNo), principal: debt.principal,
                        outstanding: debt.outstanding(on: date), due_date: debt.dueDate.description,
                        late_fee: policy.lateFees.map { debt.lateFee(asOf: date, rule: $0) } ?? .zero,
                        months_overdue: debt.monthsOverdue(on: date), escalation: debt.escalation(on: date, steps: policy.escalation)?.level)
        }
        return Debts(on: date.description, items: items, outstanding: items.reduce(.zero) { $0 + $1.outstanding },
                     late_fees: items.reduce(.zero) { $0 + $1.late_fee })
    }
}

extension Services {
    /// The contributions section in force for a region's scheme on `date` (an empty policy when none is
    /// published: no waiting period, no late fees).
    func contributionPolicy(region: String, insutype: String, on date: LocalDate) async throws -> ContributionPolicy {
        try await policies.inForce(region: region, insutype: insutype, on: date)?.section(ContributionPolicy.self) ?? ContributionPolicy()
    }

    /// The eligibility answer for the person on `date`, with its reason.
    func coverage(of person: PersonRecord, on date: LocalDate) async throws -> CoverageAnswer {
        let policy = try await contributionPolicy(region: person.admdvs, insutype: person.insutype, on: date)
        // The special statuses of that date, not the registered set, decide (a 低保 period, say).
        return try await database.read { db in
            try await CoverageQuery.answer(for: try await PersonRepository.asOf(person, date, in: db), on: date, policy: policy, in: db)
        }
    }
}
