import SQLKit
import YibaoCore

/// Back-payments (补缴, `BackPayment`) in `back_payments` with `back_payment_years` (residents) or
/// `back_payment_months` (employee schemes, `BackPaymentRepository+Months`), under the shared
/// maker-checker (`ApprovalStore`). A request assesses each resident year by the policy of that year with
/// no subsidy (R19); the approval bills it in the checker's transaction: a year already billed by the
/// annual run (its bill unpaid) has its premium turned into a back-payment — subsidy 0, the bill raised to
/// the whole premium, its due date kept — and a year never billed gets its premium and bill. A year paid in
/// full cannot be back-paid. Both steps lock the person first, so concurrent requests and decisions on one
/// person queue.
public enum BackPaymentRepository {
    public struct Record: Sendable, Equatable {
        public var admdvs: String
        public var id: Int64
        public var psnNo: Int64
        public var backPayment: BackPayment
    }

    /// How a gap's back-payments stand: none asked for and approved, all paid (the day the last was
    /// cleared), or a year or month (`period`, `2026` or `2026-03`) still owing.
    public enum GapSettlement: Sendable, Equatable {
        case none
        case paid(on: LocalDate)
        case unpaid(period: String, outstanding: Money)
    }

    /// Asks for a back-payment of `years` for person `psnNo` of region `admdvs`, on day `today`.
    public static func request(admdvs: String, psnNo: Int64, years: [Int], reason: String, on today: LocalDate, by actor: AuditActor,
                               in db: any SQLDatabase) async throws -> Record {
        try BackPayment.checkYears(years)
        let person = try await lockedPerson(admdvs: admdvs, psnNo: psnNo, monthly: false, in: db)
        let inputs = try await ResidentAssessment.Inputs.load([psnNo], region: admdvs, in: db)
        let pending = try await pending("back_payment_years", "year", as: Int.self, admdvs: admdvs, psnNo: psnNo, in: db)
        var assessed: [BackPayment.Year] = []
        for (index, year) in years.enumerated() {
            do {
                let policy = try await ResidentAssessment.policy(region: admdvs, year: year, in: db)
                guard let assessment = try ResidentAssessment.assess(person, in: inputs, year: year, school: nil, backPayment: true, policy: policy) else {
                    throw DomainError(.conflict, code: "BACK_PAYMENT_NOT_ENROLLED", message: "\(year) 年未参加城乡居民医保，无需补缴",
                                      messageEn: "not enrolled in the resident scheme at any time in \(year): nothing to back-pay")
                }
                let entry = BackPayment.Year(year: year, category: assessment.premium.category, age: assessment.premium.age,
                                             statuses: assessment.statuses, amount: assessment.premium.personal, dueDate: assessment.due,
                                             countyRegion: assessment.countyRegion)
                try BackPayment.checkMissed(entry, on: today)
                if let other = pending[year] {
                    throw DomainError(.conflict, code: "BACK_PAYMENT_DUPLICATE", message: "\(year) 年已有补缴申请（编号 \(other)）",
                                      messageEn: "\(year) already has a back-payment request (\(other))")
                }
                if let bill = try await yearBill(admdvs: admdvs, psnNo: psnNo, year: year, in: db), bill.clearedOn != nil {
                    throw yearPaid(year, bill)
                }
                assessed.append(entry)
            } catch let error as DomainError {
                throw error.at("years[\(index)]")
            }
        }
        assessed.sort { $0.year < $1.year }
        return try await store(BackPayment(years: assessed, approval: try Approval.request(BackPayment.subject, reason: reason, by: actor.name)),
                               admdvs: admdvs, psnNo: psnNo, by: actor, in: db)
    }

    /// The checker approves (and so bills) or rejects back-payment `id` on day `today` (the day a month
    /// billed from its approval falls due).
    public static func decide(admdvs: String, id: Int64, approve: Bool, note: String, on today: LocalDate, by actor: AuditActor,
                              in db: any SQLDatabase) async throws -> Record {
        guard let found = try await find(admdvs: admdvs, id: id, in: db) else {
            throw DomainError(.notFound, code: "BACK_PAYMENT_NOT_FOUND", message: "补缴申请不存在", messageEn: "no such back-payment request", path: "id")
        }
        _ = try await lockedPerson(admdvs: admdvs, psnNo: found.psnNo, in: db)
        // Re-read under the person's lock: a decision that committed while we waited is seen here.
        let record = try await find(admdvs: admdvs, id: id, in: db) ?? found
        return try await ApprovalStore.decide(record, \.backPayment.approval, approve: approve, note: note, table: "back_payments",
                                              admdvs: admdvs, id: id, target: "back_payment:\(id)", action: "contribution.back_payment",
                                              summary: "amount=\(record.backPayment.total)", by: actor, in: db) { record in
            for year in record.backPayment.years { try await bill(year, of: record, in: db) }
            for month in record.backPayment.months { try await bill(month, of: record, approvedOn: today, in: db) }
        }
    }

    /// Bills one approved year: turns the annual billing's premium into the back-payment, or writes it.
    static func bill(_ year: BackPayment.Year, of record: Record, in db: any SQLDatabase) async throws {
        let (admdvs, psnNo) = (record.admdvs, record.psnNo)
        let premiumRow = try await db.select().column("psn_no").from("resident_premiums").where("admdvs", .equal, admdvs)
            .where("psn_no", .equal, psnNo).where("year", .equal, year.year).first()
        let bill = try await yearBill(admdvs: admdvs, psnNo: psnNo, year: year.year, in: db)
        if let bill, bill.clearedOn != nil { throw yearPaid(year.year, bill).at("years") }
        switch (premiumRow, bill) {
        case (.some, .some(let bill)):
            try await db.update("resident_premiums").set("category", to: year.category.rawValue).set("age", to: year.age)
                .set("statuses", to: PersonRecord.text(of: year.statuses)).set("personal_fen", to: year.amount.fen).set("subsidy_fen", to: 0)
                .set("city_fen", to: 0).set("county_fen", to: 0).set("back_payment_id", to: record.id)
                .where("admdvs", .equal, admdvs).where("psn_no", .equal, psnNo).where("year", .equal, year.year).run()
            try await db.update("contribution_bills").set("individual_fen", to: year.amount.fen)
                .where("admdvs", .equal, admdvs).where("id", .equal, bill.id).run()
        case (nil, nil):
            try await db.insert(into: "resident_premiums")
                .columns("admdvs", "psn_no", "year", "category", "age", "statuses", "personal_fen", "subsidy_fen", "city_fen", "county_fen",
                         "county_admdvs", "created_at", "back_payment_id")
                .values(SQLBind(admdvs), SQLBind(psnNo), SQLBind(year.year), SQLBind(year.category.rawValue), SQLBind(year.age),
                        SQLBind(PersonRecord.text(of: year.statuses)), SQLBind(year.amount.fen), SQLBind(0), SQLBind(0), SQLBind(0),
                        SQLBind(year.countyRegion), SQLBind(Clock.nowMillis()), SQLBind(record.id))
                .run()
            try await ContributionBillRepository.insert(
                ContributionBill(admdvs: admdvs, employerID: 0, psnNo: psnNo, month: "\(year.year)-01", employerShare: .zero,
                                 individualShare: year.amount, dueDate: year.dueDate), in: db)
        default:
            throw DomainError(.conflict, code: "BACK_PAYMENT_BILL_CONFLICT",
                              message: "\(year.year) 年的居民保费记录与账单不一致，请核查后再补缴",
                              messageEn: "the \(year.year) premium record and bill of this person do not match: check them before back-paying",
                              path: "years")
        }
    }

    public static func find(admdvs: String, id: Int64, in db: any SQLDatabase) async throws -> Record? {
        try await records(db.select().column("*").from("back_payments").where("admdvs", .equal, admdvs).where("id", .equal, id), in: db).first
    }

    /// The region's back-payment requests, newest first, optionally of one status or one person.
    public static func list(admdvs: String, status: Approval.Status?, psnNo: Int64? = nil, in db: any SQLDatabase) async throws -> [Record] {
        var query = db.select().column("*").from("back_payments").where("admdvs", .equal, admdvs)
        if let status { query = query.where("status", .equal, status.rawValue) }
        if let psnNo { query = query.where("psn_no", .equal, psnNo) }
        return try await records(query.orderBy("id", .descending), in: db)
    }

    /// How the approved back-payments of the person's years and months from `gapStart` on stand (a
    /// resumption after an interruption reads the day its arrears were paid from here, R23, 002 L46).
    public static func gapSettlement(admdvs: String, psnNo: Int64, since gapStart: LocalDate, in db: any SQLDatabase) async throws -> GapSettlement {
        let approved = try await list(admdvs: admdvs, status: .approved, psnNo: psnNo, in: db)
        var bills: [(period: String, bill: ContributionBill?)] = []
        for year in approved.flatMap(\.backPayment.years).map(\.year).filter({ $0 >= gapStart.year }).sorted() {
            bills.append((String(year), try await yearBill(admdvs: admdvs, psnNo: psnNo, year: year, in: db)))
        }
        for month in approved.flatMap(\.backPayment.months).filter({ $0.month >= BillingMonth(of: gapStart) }).sorted(by: { $0.month < $1.month }) {
            bills.append((month.month.description,
                          try await monthBill(admdvs: admdvs, employerID: month.employerID, psnNo: psnNo, month: month.month, in: db)))
        }
        var paidOn: LocalDate?
        for (period, bill) in bills {
            guard let bill else { continue }
            guard let cleared = bill.clearedOn else { return .unpaid(period: period, outstanding: bill.outstanding) }
            paidOn = max(paidOn ?? cleared, cleared)
        }
        return paidOn.map { .paid(on: $0) } ?? .none
    }

    // MARK: -

    /// Writes a new request (its years or months as assessed) and puts it on the audit trail.
    static func store(_ backPayment: BackPayment, admdvs: String, psnNo: Int64, by actor: AuditActor, in db: any SQLDatabase) async throws -> Record {
        let record = Record(admdvs: admdvs, id: IDGenerator.shared.next(), psnNo: psnNo, backPayment: backPayment)
        let approval = backPayment.approval
        try await db.insert(into: "back_payments")
            .columns("admdvs", "id", "psn_no", "amount_fen", "reason", "status", "requested_by", "requested_at")
            .values(SQLBind(admdvs), SQLBind(record.id), SQLBind(psnNo), SQLBind(backPayment.total.fen), SQLBind(approval.reason),
                    SQLBind(approval.status.rawValue), SQLBind(actor.name), SQLBind(Clock.nowMillis()))
            .run()
        if !backPayment.years.isEmpty {
            var insert = db.insert(into: "back_payment_years")
                .columns("admdvs", "back_payment_id", "year", "category", "age", "statuses", "amount_fen", "due_date", "county_admdvs")
            for y in backPayment.years {
                insert = insert.values(SQLBind(admdvs), SQLBind(record.id), SQLBind(y.year), SQLBind(y.category.rawValue), SQLBind(y.age),
                                       SQLBind(PersonRecord.text(of: y.statuses)), SQLBind(y.amount.fen), SQLBind(y.dueDate.description),
                                       SQLBind(y.countyRegion))
            }
            try await insert.run()
        }
        if !backPayment.months.isEmpty {
            var insert = db.insert(into: "back_payment_months")
                .columns("admdvs", "back_payment_id", "month", "employer_id", "base_fen", "employer_fen", "individual_fen", "due_date", "due")
            for m in backPayment.months {
                insert = insert.values(SQLBind(admdvs), SQLBind(record.id), SQLBind(m.month.description), SQLBind(m.employerID), SQLBind(m.base.fen),
                                       SQLBind(m.employerShare.fen), SQLBind(m.individualShare.fen), SQLBind(m.dueDate.description),
                                       SQLBind(m.due.rawValue))
            }
            try await insert.run()
        }
        let periods = backPayment.years.map { String($0.year) } + backPayment.months.map { "\($0.month)@\($0.employerID)" }
        try await AuditTrail.append(actor.event(action: "contribution.back_payment.request", target: "back_payment:\(record.id)",
                                                after: "person=\(psnNo) \(backPayment.years.isEmpty ? "months" : "years")=\(periods.joined(separator: ",")) "
                                                    + "amount=\(backPayment.total) reason=\(approval.reason)"), in: db)
        return record
    }

    private static func records(_ query: SQLSelectBuilder, in db: any SQLDatabase) async throws -> [Record] {
        let rows = try await query.all()
        guard !rows.isEmpty else { return [] }
        let admdvs = try rows[0].decode(column: "admdvs", as: String.self)
        let ids = try rows.map { try $0.decode(column: "id", as: Int64.self) }
        var years: [Int64: [BackPayment.Year]] = [:]
        for row in try await db.select().column("*").from("back_payment_years").where("admdvs", .equal, admdvs)
            .where("back_payment_id", .in, ids).orderBy("year").all() {
            years[try row.decode(column: "back_payment_id", as: Int64.self), default: []].append(
                BackPayment.Year(year: try row.decode(column: "year", as: Int.self),
                                 category: PersonCategory(rawValue: try row.decode(column: "category", as: String.self)) ?? .residentAdult,
                                 age: try row.decode(column: "age", as: Int.self),
                                 statuses: PersonRecord.statuses(from: try row.decode(column: "statuses", as: String.self)),
                                 amount: Money(fen: try row.decode(column: "amount_fen", as: Int64.self)),
                                 dueDate: try LocalDate.parse(try row.decode(column: "due_date", as: String.self)),
                                 countyRegion: try row.decode(column: "county_admdvs", as: String.self)))
        }
        var months: [Int64: [BackPayment.Month]] = [:]
        for row in try await db.select().column("*").from("back_payment_months").where("admdvs", .equal, admdvs)
            .where("back_payment_id", .in, ids).orderBy("month").orderBy("employer_id").all() {
            months[try row.decode(column: "back_payment_id", as: Int64.self), default: []].append(
                BackPayment.Month(month: try BillingMonth.parse(try row.decode(column: "month", as: String.self)),
                                  employerID: try row.decode(column: "employer_id", as: Int64.self),
                                  base: Money(fen: try row.decode(column: "base_fen", as: Int64.self)),
                                  employerShare: Money(fen: try row.decode(column: "employer_fen", as: Int64.self)),
                                  individualShare: Money(fen: try row.decode(column: "individual_fen", as: Int64.self)),
                                  dueDate: try LocalDate.parse(try row.decode(column: "due_date", as: String.self)),
                                  due: LateFeeRule.BackPaymentDue(rawValue: try row.decode(column: "due", as: String.self)) ?? .monthDue))
        }
        return try rows.map { row in
            let id = try row.decode(column: "id", as: Int64.self)
            return Record(admdvs: admdvs, id: id, psnNo: try row.decode(column: "psn_no", as: Int64.self),
                          backPayment: BackPayment(years: years[id] ?? [], months: months[id] ?? [],
                                                   approval: try ApprovalStore.approval(BackPayment.subject, from: row)))
        }
    }

    /// The years (`back_payment_years.year`) or months (`back_payment_months.month`) of the person in
    /// requests still waiting or approved, with the request's id.
    static func pending<Period: Decodable & Hashable>(_ table: String, _ column: String, as: Period.Type, admdvs: String, psnNo: Int64,
                                                      in db: any SQLDatabase) async throws -> [Period: Int64] {
        let rows = try await db.raw("""
            SELECT p.\(ident: column) AS period, b.id FROM back_payments b
            JOIN \(ident: table) p ON p.admdvs = b.admdvs AND p.back_payment_id = b.id
            WHERE b.admdvs = \(bind: admdvs) AND b.psn_no = \(bind: psnNo) AND b.status IN ('requested', 'approved')
            """).all()
        var out: [Period: Int64] = [:]
        for row in rows { out[try row.decode(column: "period", as: Period.self)] = try row.decode(column: "id", as: Int64.self) }
        return out
    }

    /// The person's resident bill of `year` (month `Y-01`, paying alone), if any.
    private static func yearBill(admdvs: String, psnNo: Int64, year: Int, in db: any SQLDatabase) async throws -> ContributionBill? {
        try await db.select().column("*").from("contribution_bills").where("admdvs", .equal, admdvs).where("employer_id", .equal, 0)
            .where("psn_no", .equal, psnNo).where("month", .equal, "\(year)-01").first().map(ContributionBill.init(row:))
    }

    private static func yearPaid(_ year: Int, _ bill: ContributionBill) -> DomainError {
        DomainError(.conflict, code: "BACK_PAYMENT_YEAR_PAID", message: "\(year) 年保费已于 \(bill.clearedOn.map(\.description) ?? "") 缴清，无需补缴",
                    messageEn: "the \(year) premium was paid in full on \(bill.clearedOn.map(\.description) ?? "?"): nothing to back-pay")
    }

    /// The person, locked, once their scheme is one that back-pays by the month (`monthly`: the employee
    /// schemes) or by the year (residents); a request of the other kind is refused at its field.
    static func lockedPerson(admdvs: String, psnNo: Int64, monthly: Bool, in db: any SQLDatabase) async throws -> PersonRecord {
        let person = try await lockedPerson(admdvs: admdvs, psnNo: psnNo, in: db)
        guard !(monthly ? MonthlyTerms.schemes : ResidentAssessment.residentSchemes).contains(where: { $0.rawValue == person.insutype }) else {
            return person
        }
        let (kind, scheme, other) = monthly ? (("按月", "monthly"), ("职工医保", "the employee scheme"), ("年度 years", "years"))
                                            : (("按年度", "yearly"), ("城乡居民医保", "the resident scheme"), ("月份 months", "months"))
        throw DomainError(.conflict, code: "BACK_PAYMENT_SCHEME",
                          message: "\(kind.0)补缴仅适用于\(scheme.0)参保人（该人参加险种 \(person.insutype)，请按\(other.0)补缴）",
                          messageEn: "\(kind.1) back-payments are for \(scheme.1) only (the person is in \(person.insutype): give \(other.1))",
                          path: monthly ? "months" : "years")
    }

    /// The person, their row locked for the rest of the transaction on PostgreSQL (SQLite has one writer).
    private static func lockedPerson(admdvs: String, psnNo: Int64, in db: any SQLDatabase) async throws -> PersonRecord {
        guard let person = try await db.raw("SELECT * FROM persons WHERE admdvs = \(bind: admdvs) AND psn_no = \(bind: psnNo)\(unsafeRaw: db.rowLock())")
            .first().map(PersonRecord.init(row:)) else {
            throw DomainError(.notFound, code: "PERSON_NOT_FOUND", message: "本统筹区没有参保人 \(psnNo)", messageEn: "no person \(psnNo) in the region",
                              path: "psn_no")
        }
        return person
    }
}
