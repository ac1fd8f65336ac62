import YibaoCore

/// The region's arrears as of a date (`yibao arrears accrue --region R --on D`): unpaid principal, the
/// late fees accrued through that date and the escalation step each debt has reached. Late fees are
/// derived exactly from the dates, payments and deferrals (`Arrear.lateFee`), so nothing is stored and
/// asking twice, or for any past date, gives the same figures.
public struct ArrearsReport: Sendable, Equatable, Codable {
    public var region: String
    public var on: String
    public var debts = 0
    public var persons = 0
    public var outstanding = Money.zero
    public var lateFees = Money.zero
    /// Number of debts per escalation level reached (policy `escalation`).
    public var escalations: [String: Int] = [:]

    public static func compute(region: String, on date: LocalDate, database: any Database) async throws -> ArrearsReport {
        guard let policy = try await PolicyRepository(database: database).inForce(region: region, insutype: Insutype.employeeBasic.rawValue,
                                                                                  on: date)?.section(ContributionPolicy.self) else {
            throw DomainError(.notFound, code: "CONTRIBUTION_POLICY_MISSING", message: "统筹区 \(region) 在 \(date) 没有有效的征缴政策",
                              messageEn: "no contributions policy in force in \(region) on \(date)", path: "on")
        }
        let debts = try await database.read { db in try await ArrearsRepository.debts(admdvs: region, psnNo: nil, on: date, in: db) }
        var report = ArrearsReport(region: region, on: date.description)
        report.debts = debts.count
        report.persons = Set(debts.map(\.psnNo)).count
        for debt in debts {
            report.outstanding = report.outstanding + debt.arrear.outstanding(on: date)
            if let rule = policy.lateFees { report.lateFees = report.lateFees + debt.arrear.lateFee(asOf: date, rule: rule) }
            if let step = debt.arrear.escalation(on: date, steps: policy.escalation) { report.escalations[step.level, default: 0] += 1 }
        }
        return report
    }
}
