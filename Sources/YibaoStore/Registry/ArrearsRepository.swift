import SQLKit
import YibaoCore

/// Unpaid contributions as `Arrear` values, for the eligibility answer, the late-fee query and the
/// arrears report. A bill's debt is both shares together (either unpaid stops the person's benefits);
/// a deferral applies to a bill when it names the person, or names the billed employer with person 0.
public enum ArrearsRepository {
    /// One unpaid bill as of a date.
    public struct Debt: Sendable, Equatable {
        public var psnNo: Int64
        public var employerID: Int64
        public var month: String
        public var arrear: Arrear
    }

    /// The person's debts as `Arrear`s (three queries, whatever the number of bills).
    public static func arrears(admdvs: String, psnNo: Int64, on date: LocalDate, in db: any SQLDatabase) async throws -> [Arrear] {
        try await debts(admdvs: admdvs, psnNo: psnNo, on: date, in: db).map(\.arrear)
    }

    private static let billColumns = "b.id, b.employer_id, b.psn_no, b.month, b.employer_fen, b.individual_fen, b.due_date"
    /// One person's open bills (`open` below for one person): every settlement's eligibility asks, and a
    /// fixed text is prepared once on PostgreSQL instead of parsed and planned each time.
    private static let personBills = StaticSQL("""
        SELECT \(billColumns) FROM contribution_bills b
        WHERE b.admdvs = $1 AND b.psn_no = $2 AND b.due_date < $3 AND (b.cleared_on IS NULL OR b.cleared_on > $3)
        ORDER BY b.psn_no, b.due_date, b.id
        """)

    /// Bills due before `date` and not cleared by its end, with their payments and deferrals: one
    /// person's, one employer's, or (both nil) the whole region's. Three queries.
    public static func debts(admdvs: String, psnNo: Int64?, employerID: Int64? = nil, on date: LocalDate,
                             in db: any SQLDatabase) async throws -> [Debt] {
        let day = date.description
        let person: SQLQueryString = psnNo.map { "AND b.psn_no = \(bind: $0)" } ?? ""
        let employer: SQLQueryString = employerID.map { "AND b.employer_id = \(bind: $0)" } ?? ""
        let open: SQLQueryString = """
            b.admdvs = \(bind: admdvs) \(person) \(employer) AND b.due_date < \(bind: day) AND (b.cleared_on IS NULL OR b.cleared_on > \(bind: day))
            """
        let bills = if let psnNo, employerID == nil {
            try await db.rows(personBills, admdvs, psnNo, day)
        } else {
            try await db.raw("""
                SELECT \(unsafeRaw: billColumns) FROM contribution_bills b WHERE \(open) ORDER BY b.psn_no, b.due_date, b.id
                """).all()
        }
        guard !bills.isEmpty else { return [] }
        var payments: [Int64: [Arrear.Payment]] = [:]
        for row in try await db.raw("""
            SELECT a.bill_id, a.amount_fen, a.paid_on FROM payment_allocations a
            JOIN contribution_bills b ON b.admdvs = a.admdvs AND b.id = a.bill_id WHERE \(open)
            """).all() {
            payments[try row.decode(column: "bill_id", as: Int64.self), default: []].append(
                Arrear.Payment(date: try LocalDate.parse(try row.decode(column: "paid_on", as: String.self)),
                               amount: Money(fen: try row.decode(column: "amount_fen", as: Int64.self))))
        }
        var byPerson: [Int64: [Deferral]] = [:]
        var byEmployer: [Int64: [Deferral]] = [:]
        for row in try await db.raw("""
            SELECT employer_id, psn_no, from_date, through_date FROM deferrals WHERE admdvs = \(bind: admdvs)
            """).all() {
            let deferral = Deferral(from: try LocalDate.parse(try row.decode(column: "from_date", as: String.self)),
                                    through: try LocalDate.parse(try row.decode(column: "through_date", as: String.self)))
            let owner = try row.decode(column: "psn_no", as: Int64.self)
            if owner != 0 { byPerson[owner, default: []].append(deferral) }
            else { byEmployer[try row.decode(column: "employer_id", as: Int64.self), default: []].append(deferral) }
        }
        return try bills.map { row in
            let id = try row.decode(column: "id", as: Int64.self)
            let employer = try row.decode(column: "employer_id", as: Int64.self)
            let psn = try row.decode(column: "psn_no", as: Int64.self)
            let principal = try row.decode(column: "employer_fen", as: Int64.self) + row.decode(column: "individual_fen", as: Int64.self)
            let deferrals = (byPerson[psn] ?? []) + (employer == 0 ? [] : byEmployer[employer] ?? [])
            return Debt(psnNo: psn, employerID: employer, month: try row.decode(column: "month", as: String.self),
                        arrear: Arrear(principal: Money(fen: principal),
                                       dueDate: try LocalDate.parse(try row.decode(column: "due_date", as: String.self)),
                                       payments: payments[id] ?? [], deferrals: deferrals))
        }
    }
}
