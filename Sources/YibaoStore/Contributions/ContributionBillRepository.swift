import SQLKit
import YibaoCore

/// Bills (`contribution_bills`). A bill is unique per (region, employer, person, month): inserting one
/// that exists changes nothing, which is what makes billing runs idempotent and resumable.
public enum ContributionBillRepository {
    /// Inserts `bill` unless the month is already billed for that payer; true when a row was written.
    @discardableResult
    public static func insert(_ bill: ContributionBill, in db: any SQLDatabase) async throws -> Bool {
        let id = IDGenerator.shared.next()
        let rows = try await db.raw("""
            INSERT INTO contribution_bills (admdvs, id, employer_id, psn_no, month, employer_fen, individual_fen, due_date, paid_fen, created_at)
            VALUES (\(bind: bill.admdvs), \(bind: id), \(bind: bill.employerID), \(bind: bill.psnNo), \(bind: bill.month),
                    \(bind: bill.employerShare.fen), \(bind: bill.individualShare.fen), \(bind: bill.dueDate.description), 0, \(bind: Clock.nowMillis()))
            ON CONFLICT (admdvs, employer_id, psn_no, month) DO NOTHING
            RETURNING id
            """).all()
        return !rows.isEmpty
    }

    /// A payer's bills in order of due date (oldest first), optionally only those not cleared.
    public static func bills(admdvs: String, employerID: Int64? = nil, psnNo: Int64? = nil, openOnly: Bool,
                             in db: any SQLDatabase) async throws -> [ContributionBill] {
        var query = db.select().column("*").from("contribution_bills").where("admdvs", .equal, admdvs)
        if let employerID { query = query.where("employer_id", .equal, employerID) }
        if let psnNo { query = query.where("psn_no", .equal, psnNo) }
        if openOnly { query = query.where("cleared_on", .is, SQLLiteral.null) }
        return try await query.orderBy("due_date").orderBy("id").all().map(ContributionBill.init(row:))
    }
}

extension ContributionBill {
    init(row: any SQLRow) throws {
        self.init(admdvs: try row.decode(column: "admdvs", as: String.self),
                  id: try row.decode(column: "id", as: Int64.self),
                  employerID: try row.decode(column: "employer_id", as: Int64.self),
                  psnNo: try row.decode(column: "psn_no", as: Int64.self),
                  month: try row.decode(column: "month", as: String.self),
                  employerShare: Money(fen: try row.decode(column: "employer_fen", as: Int64.self)),
                  individualShare: Money(fen: try row.decode(column: "individual_fen", as: Int64.self)),
                  dueDate: try LocalDate.parse(try row.decode(column: "due_date", as: String.self)),
                  paid: Money(fen: try row.decode(column: "paid_fen", as: Int64.self)),
                  clearedOn: try row.decode(column: "cleared_on", as: String?.self).map { try LocalDate.parse($0) })
    }
}
