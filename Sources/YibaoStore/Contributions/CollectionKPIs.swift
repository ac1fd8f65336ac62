import SQLKit
import YibaoCore

/// Collection indicators of a region for one month (issue 4 item 10): insured persons by category,
/// the month's amount due and received, the collection rate (征缴率 = received ÷ due), arrears
/// outstanding at the month's end and the month's account credits. Five aggregate queries.
public struct CollectionKPIs: Sendable, Equatable, Codable {
    public var region: String
    public var month: String
    public var insuredByCategory: [String: Int]
    public var due: Money
    public var received: Money
    /// received ÷ due, rounded half-up to the ppm; nil when nothing was due.
    public var collectionRate: Ratio?
    /// Unpaid principal of every bill due on or before the month's last day.
    public var arrearsOutstanding: Money
    public var accountCredits: Money

    enum CodingKeys: String, CodingKey {
        case region, month, due, received
        case insuredByCategory = "insured_by_category", collectionRate = "collection_rate"
        case arrearsOutstanding = "arrears_outstanding", accountCredits = "account_credits"
    }

    public static func compute(region: String, month text: String, in db: any SQLDatabase) async throws -> CollectionKPIs {
        let month = try BillingMonth.parse(text)
        let lastDay = month.firstDay.adding(months: 1).adding(days: -1).description
        var insured: [String: Int] = [:]
        for row in try await db.raw("""
            SELECT psn_type, CAST(COUNT(*) AS BIGINT) AS n FROM persons
            WHERE admdvs = \(bind: region) AND enrol_begin <= \(bind: lastDay) GROUP BY psn_type
            """).all() {
            insured[try row.decode(column: "psn_type", as: String.self)] = Int(try row.decode(column: "n", as: Int64.self))
        }
        func sum(_ sql: SQLQueryString) async throws -> Money {
            Money(fen: try await db.raw(sql).first()?.decode(column: "total", as: Int64?.self) ?? 0)
        }
        let due = try await sum("""
            SELECT CAST(SUM(employer_fen + individual_fen) AS BIGINT) AS total FROM contribution_bills
            WHERE admdvs = \(bind: region) AND month = \(bind: month.description)
            """)
        let received = try await sum("""
            SELECT CAST(SUM(paid_fen) AS BIGINT) AS total FROM contribution_bills
            WHERE admdvs = \(bind: region) AND month = \(bind: month.description)
            """)
        let arrears = try await sum("""
            SELECT CAST(SUM(employer_fen + individual_fen - paid_fen) AS BIGINT) AS total FROM contribution_bills
            WHERE admdvs = \(bind: region) AND due_date <= \(bind: lastDay) AND cleared_on IS NULL
            """)
        let credits = try await sum("""
            SELECT CAST(SUM(first_level_fen + second_level_fen) AS BIGINT) AS total FROM account_credits
            WHERE admdvs = \(bind: region) AND month = \(bind: month.description)
            """)
        let rate = due.isZero ? nil : Ratio(ppm: (received.fen * 2_000_000 / due.fen + 1) / 2)
        return CollectionKPIs(region: region, month: month.description, insuredByCategory: insured, due: due, received: received,
                              collectionRate: rate, arrearsOutstanding: arrears, accountCredits: credits)
    }
}
