import SQLKit
import YibaoCore

/// What an employer owes and paid, for its page, its own user and its statement: the bills of a range of
/// months (optionally of one employee), the bills past their due date and still open (its arrears), and
/// the statement lines it paid with (by credit code). One query each.
public enum EmployerAccountQuery {
    /// One imported statement line paid by the employer.
    public struct Payment: Sendable, Equatable {
        public var statement: String
        public var line: Int
        public var amount: Money
        public var paidOn: LocalDate
        public var unallocated: Money
    }

    /// Bills of the months `from` through `through` (`YYYY-MM`), by month then person.
    public static func bills(_ employer: EmployerRecord, from: String, through: String, psnNo: Int64? = nil,
                             in db: any SQLDatabase) async throws -> [ContributionBill] {
        var query = db.select().column("*").from("contribution_bills").where("admdvs", .equal, employer.admdvs)
            .where("employer_id", .equal, employer.id).where("month", .greaterThanOrEqual, from).where("month", .lessThanOrEqual, through)
        if let psnNo { query = query.where("psn_no", .equal, psnNo) }
        return try await query.orderBy("month").orderBy("psn_no").all().map(ContributionBill.init(row:))
    }

    /// Open bills whose due date is before `date`, oldest first.
    public static func overdue(_ employer: EmployerRecord, on date: LocalDate, in db: any SQLDatabase) async throws -> [ContributionBill] {
        try await db.select().column("*").from("contribution_bills").where("admdvs", .equal, employer.admdvs)
            .where("employer_id", .equal, employer.id).where("due_date", .lessThan, date.description)
            .where("cleared_on", .is, SQLLiteral.null).orderBy("due_date").orderBy("psn_no").all()
            .map(ContributionBill.init(row:))
    }

    public static func payments(_ employer: EmployerRecord, limit: Int = 100, in db: any SQLDatabase) async throws -> [Payment] {
        try await db.select().columns("statement", "line_no", "amount_fen", "paid_on", "unallocated_fen").from("payments")
            .where("admdvs", .equal, employer.admdvs).where("payer", .equal, employer.creditCode)
            .orderBy("paid_on", .descending).orderBy("line_no").limit(limit).all().map { row in
                Payment(statement: try row.decode(column: "statement", as: String.self), line: try row.decode(column: "line_no", as: Int.self),
                        amount: Money(fen: try row.decode(column: "amount_fen", as: Int64.self)),
                        paidOn: try LocalDate.parse(try row.decode(column: "paid_on", as: String.self)),
                        unallocated: Money(fen: try row.decode(column: "unallocated_fen", as: Int64.self)))
            }
    }
}
