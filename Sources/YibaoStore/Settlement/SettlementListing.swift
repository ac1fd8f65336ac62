import SQLKit
import YibaoCore

/// Read-only lists of stored settlements for the console: a person's, an institution's on one day, and
/// an institution's totals per day. Each is one query (indexes of migration 5); the full record with
/// its explanation is `RealTimeSettlement.find(setlID:)`.
public enum SettlementListing {
    /// One settlement as a list row: who, where, when and the main national amounts.
    public struct Row: Sendable, Equatable {
        public var setlID: Int64
        public var psnNo: Int64
        public var name: String
        public var institution: String
        public var medType: String
        public var date: LocalDate
        public var medfee: Money
        public var fund: Money
        public var account: Money
        public var cash: Money
        public var cancelled: Bool
    }

    /// Settled (not cancelled) figures of one institution on one day.
    public struct DayTotal: Sendable, Equatable {
        public var day: LocalDate
        public var settled = 0
        public var cancelled = 0
        public var medfee = Money.zero
        public var fund = Money.zero
        public var account = Money.zero
        public var cash = Money.zero
    }

    static let rowColumns: SQLQueryString = """
        s.setl_id, s.psn_no, p.name, s.fixmedins_code, s.med_type, s.setl_time, s.medfee_sumamt_fen, s.fund_pay_sumamt_fen,
        s.acct_pay_fen, s.psn_cash_pay_fen, s.status
        """

    /// The person's settlements, newest first.
    public static func forPerson(admdvs: String, psnNo: Int64, limit: Int = 200, in db: any SQLDatabase) async throws -> [Row] {
        try await db.raw("""
            SELECT \(rowColumns) FROM settlements s LEFT JOIN persons p ON p.psn_no = s.psn_no
            WHERE s.admdvs = \(bind: admdvs) AND s.psn_no = \(bind: psnNo)
            ORDER BY s.setl_time DESC, s.setl_id DESC LIMIT \(unsafeRaw: String(limit))
            """).all().map(row(_:))
    }

    /// The institution's settlements dated `day`, in the order they were made.
    public static func forInstitution(_ code: String, on day: LocalDate, in db: any SQLDatabase) async throws -> [Row] {
        try await db.raw("""
            SELECT \(rowColumns) FROM settlements s LEFT JOIN persons p ON p.psn_no = s.psn_no
            WHERE s.fixmedins_code = \(bind: code) AND s.setl_time = \(bind: day.description)
            ORDER BY s.setl_id
            """).all().map(row(_:))
    }

    /// Whose settlements a daily total counts: one institution's (its portal) or a region's (the
    /// agency dashboard).
    public enum DailyScope: Sendable {
        case institution(String)
        case region(String)

        var condition: SQLQueryString {
            switch self {
            case .institution(let code): "fixmedins_code = \(bind: code)"
            case .region(let admdvs): "admdvs = \(bind: admdvs)"
            }
        }
    }

    /// Per day from `from` through `through` (days without settlements left out); cancelled
    /// settlements are counted apart and left out of the amounts.
    public static func dailyTotals(_ scope: DailyScope, from: LocalDate, through: LocalDate, in db: any SQLDatabase) async throws -> [DayTotal] {
        func settledSum(_ column: String) -> SQLQueryString {
            "CAST(COALESCE(SUM(CASE WHEN status = 'settled' THEN \(unsafeRaw: column) ELSE 0 END), 0) AS BIGINT) AS \(unsafeRaw: column)"
        }
        return try await db.raw("""
            SELECT setl_time, CAST(SUM(CASE WHEN status = 'settled' THEN 1 ELSE 0 END) AS BIGINT) AS settled,
                   CAST(SUM(CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END) AS BIGINT) AS cancelled,
                   \(settledSum("medfee_sumamt_fen")), \(settledSum("fund_pay_sumamt_fen")), \(settledSum("acct_pay_fen")),
                   \(settledSum("psn_cash_pay_fen"))
            FROM settlements WHERE \(scope.condition) AND setl_time >= \(bind: from.description) AND setl_time <= \(bind: through.description)
            GROUP BY setl_time ORDER BY setl_time
            """).all().map { row in
            DayTotal(day: try LocalDate.parse(try row.decode(column: "setl_time", as: String.self)),
                     settled: try row.decode(column: "settled", as: Int.self), cancelled: try row.decode(column: "cancelled", as: Int.self),
                     medfee: Money(fen: try row.decode(column: "medfee_sumamt_fen", as: Int64.self)),
                     fund: Money(fen: try row.decode(column: "fund_pay_sumamt_fen", as: Int64.self)),
                     account: Money(fen: try row.decode(column: "acct_pay_fen", as: Int64.self)),
                     cash: Money(fen: try row.decode(column: "psn_cash_pay_fen", as: Int64.self)))
        }
    }

    static func row(_ row: any SQLRow) throws -> Row {
        Row(setlID: try row.decode(column: "setl_id", as: Int64.self), psnNo: try row.decode(column: "psn_no", as: Int64.self),
            name: try row.decode(column: "name", as: String?.self) ?? "", institution: try row.decode(column: "fixmedins_code", as: String.self),
            medType: try row.decode(column: "med_type", as: String.self), date: try LocalDate.parse(try row.decode(column: "setl_time", as: String.self)),
            medfee: Money(fen: try row.decode(column: "medfee_sumamt_fen", as: Int64.self)),
            fund: Money(fen: try row.decode(column: "fund_pay_sumamt_fen", as: Int64.self)),
            account: Money(fen: try row.decode(column: "acct_pay_fen", as: Int64.self)),
            cash: Money(fen: try row.decode(column: "psn_cash_pay_fen", as: Int64.self)),
            cancelled: try row.decode(column: "status", as: String.self) == "cancelled")
    }
}
