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
    /// Each debt, longest overdue first, when asked for (`listing`): the collection clerk's worklist.
    public var lines: [Line] = []

    /// One unpaid bill as of the report's date.
    public struct Line: Sendable, Equatable, Codable {
        public var psnNo: Int64
        public var employerID: Int64
        public var month: String
        public var outstanding: Money
        public var lateFee: Money
        public var monthsOverdue: Int
        /// The escalation level reached, if any.
        public var level: String?

        public init(psnNo: Int64, employerID: Int64, month: String, outstanding: Money, lateFee: Money, monthsOverdue: Int, level: String?) {
            (self.psnNo, self.employerID, self.month, self.outstanding) = (psnNo, employerID, month, outstanding)
            (self.lateFee, self.monthsOverdue, self.level) = (lateFee, monthsOverdue, level)
        }

        enum CodingKeys: String, CodingKey {
            case psnNo = "psn_no", employerID = "employer_id", month, outstanding, lateFee = "late_fee", monthsOverdue = "months_overdue", level
        }
    }

    public static func compute(region: String, on date: LocalDate, listing: Bool = false, database: any Database) async throws -> ArrearsReport {
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
            let outstanding = debt.arrear.outstanding(on: date)
            let lateFee = policy.lateFees.map { debt.arrear.lateFee(asOf: date, rule: $0) } ?? .zero
            let step = debt.arrear.escalation(on: date, steps: policy.escalation)
            report.outstanding = report.outstanding + outstanding
            report.lateFees = report.lateFees + lateFee
            if let step { report.escalations[step.level, default: 0] += 1 }
            if listing {
                report.lines.append(Line(psnNo: debt.psnNo, employerID: debt.employerID, month: debt.month, outstanding: outstanding,
                                         lateFee: lateFee, monthsOverdue: debt.arrear.monthsOverdue(on: date), level: step?.level))
            }
        }
        report.lines.sort { ($0.monthsOverdue, $1.month, $1.psnNo) > ($1.monthsOverdue, $0.month, $0.psnNo) }
        return report
    }
}
