import SQLKit
import YibaoCore

/// Back-payments (补缴) of missed months in the employee schemes (002 L46: a gap is paid in full before
/// benefits resume). Each month is assessed as the monthly billing run would have billed it (`MonthlyTerms`:
/// the policy in force on the month's first day, that year's W), no subsidy being involved: billed to the
/// employer whose roster the person was on that month — employer and employee shares — or, on no roster,
/// to the person paying alone (flexible employment, business owners: all individual). The base is the one
/// locked for the year, or the year's floor when none was declared (the least the month could have been
/// billed at; the floor is not locked, so a later declaration still may be). Refused, naming `months[i]`:
/// a month to come or not yet due, a month without an employee-scheme enrolment (before it, or after it
/// ended), a month already billed or paid, one already in a request, one with nothing to pay, and an
/// employee's month on no employer's roster (nobody would owe the employer's share).
extension BackPaymentRepository {
    /// Asks for a back-payment of the missed `months` (`YYYY-MM`) of person `psnNo` of region `admdvs`, on day `today`.
    public static func request(admdvs: String, psnNo: Int64, months texts: [String], reason: String, on today: LocalDate, by actor: AuditActor,
                               in db: any SQLDatabase) async throws -> Record {
        let months = try BackPayment.checkMonths(texts)
        let person = try await lockedPerson(admdvs: admdvs, psnNo: psnNo, monthly: true, in: db)
        let events = try await EnrolmentRepository.history(admdvs: admdvs, psnNo: psnNo, in: db).events
        let pending = try await pending("back_payment_months", "month", as: String.self, admdvs: admdvs, psnNo: psnNo, in: db)
        var bases: [Int: [Int64: [Int64: ContributionBase]]] = [:]
        var assessed: [BackPayment.Month] = []
        for (index, month) in months.enumerated() {
            do {
                try BackPayment.checkCome(month, on: today)
                try checkEnrolled(events, in: month)
                let terms = try await MonthlyTerms.load(region: admdvs, month: month, in: db)
                try BackPayment.checkMissed(month, dueDate: terms.due, on: today)
                if let other = pending[month.description] {
                    throw DomainError(.conflict, code: "BACK_PAYMENT_DUPLICATE", message: "\(month) 已有补缴申请（编号 \(other)）",
                                      messageEn: "\(month) already has a back-payment request (\(other))")
                }
                if bases[month.year] == nil {
                    bases[month.year] = try await ContributionBaseRepository.bases(admdvs: admdvs, year: month.year, psnNos: [psnNo], in: db)
                }
                let employers = try await EmployerRepository.roster(admdvs: admdvs, month: month.description, psnNo: psnNo, in: db).map(\.employerID)
                for employer in employers.isEmpty ? [0] : employers {
                    if let bill = try await monthBill(admdvs: admdvs, employerID: employer, psnNo: psnNo, month: month, in: db) {
                        throw billed(month, bill)
                    }
                    let contribution = try terms.contribution(of: person, base: bases[month.year]?[employer]?[psnNo] ?? terms.floor)
                    guard contribution.total > .zero else {
                        throw DomainError(.conflict, code: "BACK_PAYMENT_NOTHING_OWED", message: "\(month) 按政策无应缴费用，无需补缴",
                                          messageEn: "nothing is owed for \(month) under the policy: nothing to back-pay")
                    }
                    guard employer != 0 || contribution.employerTotal == .zero else {
                        throw DomainError(.conflict, code: "BACK_PAYMENT_NO_EMPLOYER",
                                          message: "\(month) 该职工不在任何参保单位的参保名单上，单位部分无人缴纳：请先由单位办理该月增员",
                                          messageEn: "in \(month) the employee is on no employer's roster, so nobody owes the employer's share: the employer records the hire first")
                    }
                    let dues = terms.lateFees.backPaymentDue
                    assessed.append(BackPayment.Month(month: month, employerID: employer, base: contribution.basic.base,
                                                      employerShare: contribution.employerTotal, individualShare: contribution.individualTotal,
                                                      dueDate: terms.due, due: employer == 0 ? dues.alone : dues.employer))
                }
            } catch let error as DomainError {
                var refusal = error
                refusal.path = "months[\(index)]"
                throw refusal
            }
        }
        assessed.sort { ($0.month, $0.employerID) < ($1.month, $1.employerID) }
        return try await store(BackPayment(months: assessed, approval: try Approval.request(BackPayment.subject, reason: reason, by: actor.name)),
                               admdvs: admdvs, psnNo: psnNo, by: actor, in: db)
    }

    /// Bills one approved month, due on its own due date or on the approval day (`BackPayment.Month.billDue`).
    /// A month the monthly run billed since the request is refused, and with it the whole decision.
    static func bill(_ month: BackPayment.Month, of record: Record, approvedOn: LocalDate, in db: any SQLDatabase) async throws {
        let bill = ContributionBill(admdvs: record.admdvs, employerID: month.employerID, psnNo: record.psnNo, month: month.month.description,
                                    employerShare: month.employerShare, individualShare: month.individualShare,
                                    dueDate: month.billDue(approvedOn: approvedOn))
        if try await !ContributionBillRepository.insert(bill, in: db),
           let existing = try await monthBill(admdvs: record.admdvs, employerID: month.employerID, psnNo: record.psnNo, month: month.month, in: db) {
            throw billed(month.month, existing).at("months")
        }
    }

    /// The bill of `month` for the person and employer (0: paying alone), if any.
    static func monthBill(admdvs: String, employerID: Int64, psnNo: Int64, month: BillingMonth, in db: any SQLDatabase) async throws -> ContributionBill? {
        try await db.select().column("*").from("contribution_bills").where("admdvs", .equal, admdvs).where("employer_id", .equal, employerID)
            .where("psn_no", .equal, psnNo).where("month", .equal, month.description).first().map(ContributionBill.init(row:))
    }

    /// A month may be back-paid while an employee-scheme enrolment was held (active or interrupted) in it.
    private static func checkEnrolled(_ events: [EnrolmentEvent], in month: BillingMonth) throws(DomainError) {
        guard EnrolmentHistory.firstDayHeld(events, schemes: MonthlyTerms.schemes, from: month.firstDay, through: month.lastDay) == nil else { return }
        let first = events.lazy.compactMap { event -> LocalDate? in
            guard case .enrolled(let day, let scheme, _) = event, MonthlyTerms.schemes.contains(scheme.insutype) else { return nil }
            return day
        }.first
        if let first, first <= month.lastDay {
            throw DomainError(.conflict, code: "BACK_PAYMENT_NOT_ENROLLED", message: "\(month) 未参加职工医保（参保已终止或转出），无需补缴",
                              messageEn: "not enrolled in the employee scheme in \(month) (the enrolment ended): nothing to back-pay")
        }
        throw DomainError(.conflict, code: "BACK_PAYMENT_BEFORE_ENROLMENT",
                          message: first.map { "\(month) 在职工医保参保登记（\($0)）之前，不能补缴" } ?? "\(month) 未参加职工医保，不能补缴",
                          messageEn: first.map { "\(month) is before the employee-scheme enrolment (\($0)): it cannot be back-paid" }
                              ?? "not enrolled in the employee scheme in \(month): it cannot be back-paid")
    }

    private static func billed(_ month: BillingMonth, _ bill: ContributionBill) -> DomainError {
        if let cleared = bill.clearedOn {
            return DomainError(.conflict, code: "BACK_PAYMENT_MONTH_PAID", message: "\(month) 的缴费已于 \(cleared) 缴清，无需补缴",
                               messageEn: "the contribution for \(month) was paid in full on \(cleared): nothing to back-pay")
        }
        return DomainError(.conflict, code: "BACK_PAYMENT_MONTH_BILLED",
                           message: "\(month) 已核定应缴 \(bill.total) 元（缴费截止日 \(bill.dueDate)，尚欠 \(bill.outstanding) 元），按欠费缴纳，不属补缴",
                           messageEn: "\(month) is already billed \(bill.total) (due \(bill.dueDate), \(bill.outstanding) outstanding): it is paid as arrears, not back-paid")
    }
}
