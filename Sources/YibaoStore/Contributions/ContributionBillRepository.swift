import SQLKit
import YibaoCore

/// Bills (`contribution_bills`). A bill is unique per (region, employer, person, month): inserting one
/// that exists changes nothing, which is what makes billing runs idempotent and resumable.
public enum ContributionBillRepository {
    /// Inserts `bill` unless the month is already billed for that payer; true when a row was written.
    @discardableResult
    public static func insert(_ bill: ContributionBill, in db: any SQLDatabase) async throws -> Bool {
        try await !insert([bill], in: db).isEmpty
    }

    /// A bill's payer and month: what makes it unique in its region.
    public struct Key: Hashable, Sendable {
        public var employerID: Int64
        public var psnNo: Int64
        public var month: String
    }

    /// Inserts the bills whose month is not yet billed for their payer, a few thousand to a statement
    /// (a monthly run's chunk is one round trip, not one per bill); returns the keys of those written.
    public static func insert(_ bills: [ContributionBill], in db: any SQLDatabase) async throws -> Set<Key> {
        let now = Clock.nowMillis()
        let rows: [[BulkInsert.Value]] = bills.map {
            [$0.admdvs, IDGenerator.shared.next(), $0.employerID, $0.psnNo, $0.month, $0.employerShare.fen, $0.individualShare.fen,
             $0.dueDate.description, 0, now]
        }
        let written = try await BulkInsert.insert(
            into: "contribution_bills",
            columns: ["admdvs", "id", "employer_id", "psn_no", "month", "employer_fen", "individual_fen", "due_date", "paid_fen", "created_at"],
            rows: rows, ignoringConflictsOn: ["admdvs", "employer_id", "psn_no", "month"], returning: ["employer_id", "psn_no", "month"], in: db)
        return Set(try written.map {
            Key(employerID: try $0.decode(column: "employer_id", as: Int64.self), psnNo: try $0.decode(column: "psn_no", as: Int64.self),
                month: try $0.decode(column: "month", as: String.self))
        })
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
