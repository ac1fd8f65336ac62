import SQLKit
import YibaoCore

/// Back-payments (补缴) of residents' missed years (`BackPayment`) in `back_payments` and
/// `back_payment_years`, under the shared maker-checker (`ApprovalStore`). A request assesses each year
/// by the policy of that year with no subsidy (R19); the approval bills it in the checker's transaction:
/// a year already billed by the annual run (its bill unpaid) has its premium turned into a back-payment —
/// subsidy 0, the bill raised to the whole premium, its due date kept — and a year never billed gets its
/// premium and bill. A year paid in full cannot be back-paid. Both steps lock the person first, so
/// concurrent requests and decisions on one person queue.
public enum BackPaymentRepository {
    public struct Record: Sendable, Equatable {
        public var admdvs: String
        public var id: Int64
        public var psnNo: Int64
        public var backPayment: BackPayment
    }

    /// How a gap's back-payments stand: none asked for and approved, all paid (the day the last was
    /// cleared), or a year still owing.
    public enum GapSettlement: Sendable, Equatable {
        case none
        case paid(on: LocalDate)
        case unpaid(year: Int, outstanding: Money)
    }

    /// Asks for a back-payment of `years` for person `psnNo` of region `admdvs`, on day `today`.
    public static func request(admdvs: String, psnNo: Int64, years: [Int], reason: String, on today: LocalDate, by actor: AuditActor,
                               in db: any SQLDatabase) async throws -> Record {
        try BackPayment.checkYears(years)
        let person = try await lockedPerson(admdvs: admdvs, psnNo: psnNo, in: db)
        guard ResidentAssessment.residentSchemes.contains(where: { $0.rawValue == person.insutype }) else {
            throw DomainError(.conflict, code: "BACK_PAYMENT_SCHEME",
                              message: "补缴按年度核定仅适用于城乡居民医保参保人（该人参加险种 \(person.insutype)）",
                              messageEn: "yearly back-payments are for the resident scheme only (the person is in \(person.insutype))", path: "psn_no")
        }
        let inputs = try await ResidentAssessment.Inputs.load([psnNo], region: admdvs, in: db)
        let pending = try await pendingYears(admdvs: admdvs, psnNo: psnNo, in: db)
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
        let approval = try Approval.request(BackPayment.subject, reason: reason, by: actor.name)
        let record = Record(admdvs: admdvs, id: IDGenerator.shared.next(), psnNo: psnNo, backPayment: BackPayment(years: assessed, approval: approval))
        try await db.insert(into: "back_payments")
            .columns("admdvs", "id", "psn_no", "amount_fen", "reason", "status", "requested_by", "requested_at")
            .values(SQLBind(admdvs), SQLBind(record.id), SQLBind(psnNo), SQLBind(record.backPayment.total.fen), SQLBind(reason),
                    SQLBind(approval.status.rawValue), SQLBind(actor.name), SQLBind(Clock.nowMillis()))
            .run()
        var insert = db.insert(into: "back_payment_years")
            .columns("admdvs", "back_payment_id", "year", "category", "age", "statuses", "amount_fen", "due_date", "county_admdvs")
        for y in assessed {
            insert = insert.values(SQLBind(admdvs), SQLBind(record.id), SQLBind(y.year), SQLBind(y.category.rawValue), SQLBind(y.age),
                                   SQLBind(PersonRecord.text(of: y.statuses)), SQLBind(y.amount.fen), SQLBind(y.dueDate.description), SQLBind(y.countyRegion))
        }
        try await insert.run()
        try await AuditTrail.append(actor.event(action: "contribution.back_payment.request", target: "back_payment:\(record.id)",
                                                after: "person=\(psnNo) years=\(assessed.map { String($0.year) }.joined(separator: ",")) "
                                                    + "amount=\(record.backPayment.total) reason=\(reason)"), in: db)
        return record
    }

    /// The checker approves (and so bills) or rejects back-payment `id`.
    public static func decide(admdvs: String, id: Int64, approve: Bool, note: String, by actor: AuditActor,
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

    /// How the approved back-payments of the person's years from `gapStart`'s year on stand (a resumption
    /// after an interruption reads the day its arrears were paid from here, R23).
    public static func gapSettlement(admdvs: String, psnNo: Int64, since gapStart: LocalDate, in db: any SQLDatabase) async throws -> GapSettlement {
        let approved = try await list(admdvs: admdvs, status: .approved, psnNo: psnNo, in: db)
        let years = approved.flatMap(\.backPayment.years).map(\.year).filter { $0 >= gapStart.year }.sorted()
        var paidOn: LocalDate?
        for year in years {
            guard let bill = try await yearBill(admdvs: admdvs, psnNo: psnNo, year: year, in: db) else { continue }
            guard let cleared = bill.clearedOn else { return .unpaid(year: year, outstanding: bill.outstanding) }
            paidOn = max(paidOn ?? cleared, cleared)
        }
        return paidOn.map { .paid(on: $0) } ?? .none
    }

    // MARK: -

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
        return try rows.map { row in
            let id = try row.decode(column: "id", as: Int64.self)
            return Record(admdvs: admdvs, id: id, psnNo: try row.decode(column: "psn_no", as: Int64.self),
                          backPayment: BackPayment(years: years[id] ?? [], approval: try ApprovalStore.approval(BackPayment.subject, from: row)))
        }
    }

    /// Years of the person in requests still waiting or approved, with the request's id.
    private static func pendingYears(admdvs: String, psnNo: Int64, in db: any SQLDatabase) async throws -> [Int: Int64] {
        let rows = try await db.raw("""
            SELECT y.year, b.id FROM back_payments b JOIN back_payment_years y ON y.admdvs = b.admdvs AND y.back_payment_id = b.id
            WHERE b.admdvs = \(bind: admdvs) AND b.psn_no = \(bind: psnNo) AND b.status IN ('requested', 'approved')
            """).all()
        var out: [Int: Int64] = [:]
        for row in rows { out[try row.decode(column: "year", as: Int.self)] = try row.decode(column: "id", as: Int64.self) }
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
