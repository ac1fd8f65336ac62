import SQLKit
import YibaoCore

/// One imported statement line as stored in `payments`: what arrived, from whom, and how much of it no
/// bill took (`unallocated`, what a refund may give back).
public struct ReceivedPayment: Sendable, Equatable {
    public var admdvs: String
    public var id: Int64
    public var statement: String
    public var lineNo: Int
    public var payer: String
    public var amount: Money
    public var paidOn: LocalDate
    public var reference: String
    public var unallocated: Money

    /// The payment `id`; with `lock` its row stays locked for the rest of the transaction on PostgreSQL
    /// (SQLite's single writer already serialises), so refunds of one payment are decided one at a time.
    public static func find(admdvs: String, id: Int64, lock: Bool, in db: any SQLDatabase) async throws -> ReceivedPayment? {
        try await db.raw("""
            SELECT * FROM payments WHERE admdvs = \(bind: admdvs) AND id = \(bind: id)\(unsafeRaw: db.rowLock(lock))
            """).first().map(ReceivedPayment.init(row:))
    }

    /// The region's payments with money no bill took (the clerk's list of unmatched lines), oldest first.
    public static func unallocated(admdvs: String, in db: any SQLDatabase) async throws -> [ReceivedPayment] {
        try await db.select().column("*").from("payments").where("admdvs", .equal, admdvs).where("unallocated_fen", .greaterThan, 0)
            .orderBy("paid_on").orderBy("id").all().map(ReceivedPayment.init(row:))
    }

    init(row: any SQLRow) throws {
        admdvs = try row.decode(column: "admdvs", as: String.self)
        id = try row.decode(column: "id", as: Int64.self)
        statement = try row.decode(column: "statement", as: String.self)
        lineNo = try row.decode(column: "line_no", as: Int.self)
        payer = try row.decode(column: "payer", as: String.self)
        amount = Money(fen: try row.decode(column: "amount_fen", as: Int64.self))
        paidOn = try LocalDate.parse(try row.decode(column: "paid_on", as: String.self))
        reference = try row.decode(column: "reference", as: String.self)
        unallocated = Money(fen: try row.decode(column: "unallocated_fen", as: Int64.self))
    }
}
