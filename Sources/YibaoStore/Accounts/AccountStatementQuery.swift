import SQLKit
import YibaoCore

/// A person's account statement for a period from the stored double-entry ledger: the balances at the
/// start, every movement on the person's levels, the balances at the end. Movements are dated by the
/// day they were posted in China Standard Time (UTC+8), the business day of the fund. Two queries.
public struct AccountStatementQuery: Sendable, Equatable {
    public struct Movement: Sendable, Equatable, Codable {
        public var date: LocalDate
        public var kind: String
        public var level: AccountLevel
        public var amount: Money
    }

    public var opening: AccountBalances
    public var movements: [Movement]
    public var closing: AccountBalances

    static let dayMillis: Int64 = 86_400_000
    static let chinaOffset: Int64 = 8 * 3_600_000

    static func startMillis(_ date: LocalDate) -> Int64 { Int64(date.dayNumber) * dayMillis - chinaOffset }

    public static func statement(admdvs: String, psnNo: Int64, from: LocalDate, through: LocalDate,
                                 in db: any SQLDatabase) async throws -> AccountStatementQuery {
        let start = startMillis(from)
        let end = startMillis(through.adding(days: 1))
        var opening = AccountBalances()
        for row in try await db.raw("""
            SELECT ledger_account, CAST(SUM(amount_fen) AS BIGINT) AS total FROM account_ledger
            WHERE admdvs = \(bind: admdvs) AND psn_no = \(bind: psnNo) AND created_at < \(bind: start)
              AND ledger_account IN ('first_level', 'second_level')
            GROUP BY ledger_account
            """).all() {
            let total = Money(fen: try row.decode(column: "total", as: Int64.self))
            if try row.decode(column: "ledger_account", as: String.self) == AccountLevel.first.rawValue {
                opening.firstLevel = total
            } else {
                opening.secondLevel = total
            }
        }
        let movements = try await db.raw("""
            SELECT ledger_account, amount_fen, kind, created_at FROM account_ledger
            WHERE admdvs = \(bind: admdvs) AND psn_no = \(bind: psnNo) AND created_at >= \(bind: start) AND created_at < \(bind: end)
              AND ledger_account IN ('first_level', 'second_level')
            ORDER BY created_at, entry_id
            """).all().map { row in
            Movement(date: LocalDate(dayNumber: Int32((try row.decode(column: "created_at", as: Int64.self) + chinaOffset) / dayMillis)),
                     kind: try row.decode(column: "kind", as: String.self),
                     level: AccountLevel(rawValue: try row.decode(column: "ledger_account", as: String.self)) ?? .first,
                     amount: Money(fen: try row.decode(column: "amount_fen", as: Int64.self)))
        }
        var closing = opening
        for m in movements {
            if m.level == .first { closing.firstLevel = closing.firstLevel + m.amount } else { closing.secondLevel = closing.secondLevel + m.amount }
        }
        return AccountStatementQuery(opening: opening, movements: movements, closing: closing)
    }
}
