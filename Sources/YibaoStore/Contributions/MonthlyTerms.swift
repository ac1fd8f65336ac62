import SQLKit
import YibaoCore

/// What the employee schemes bill for one month (月度应缴), shared by the monthly billing run and
/// back-payments of missed months: the contributions policy in force on the month's first day, the year's W,
/// and the due date `late_fees.due_day` gives; `contribution` applies `MonthlyContribution` to one person.
struct MonthlyTerms: Sendable {
    /// The schemes billed by the month (residents pay by the year).
    static let schemes: Set<Insutype> = [.employeeBasic]

    var month: BillingMonth
    var policy: ContributionPolicy
    var lateFees: LateFeeRule
    var averageWage: Money
    var due: LocalDate

    static func load(region: String, month: BillingMonth, in db: any SQLDatabase) async throws -> MonthlyTerms {
        guard let policy = try await PolicyRepository.inForce(region: region, insutype: Insutype.employeeBasic.rawValue, on: month.firstDay, in: db)?
            .section(ContributionPolicy.self), let lateFees = policy.lateFees else {
            throw DomainError(.notFound, code: "CONTRIBUTION_POLICY_MISSING", message: "统筹区 \(region) 在 \(month) 没有有效的征缴政策",
                              messageEn: "no contributions policy in force in \(region) for \(month)", path: "month")
        }
        guard let wage = try await RegionRepository.averageWage(region: region, year: month.year, in: db) else {
            throw SettlementError.wageMissing(region, month.year)
        }
        return MonthlyTerms(month: month, policy: policy, lateFees: lateFees, averageWage: wage,
                            due: lateFees.dueDate(year: month.year, month: month.month))
    }

    /// The lowest base of the year, `base.floor` of W/12, where the policy has a declared-base rule.
    var floor: ContributionBase? {
        policy.base == nil ? nil : try? ContributionBase.lock(declared: .zero, averageWage: averageWage, policy: policy)
    }

    /// The month's contribution of `person` on `base` (the locked base, needed where the rate applies to it).
    func contribution(of person: PersonRecord, base: ContributionBase?) throws(DomainError) -> MonthlyContribution {
        try MonthlyContribution.compute(category: person.category, statuses: person.statuses, base: base, averageWage: averageWage, policy: policy)
    }

}
