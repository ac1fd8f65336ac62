import SQLKit
import YibaoCore

/// The agency dashboard's figures for one region, each one aggregate query.
public enum RegionFigures {
    /// Persons insured on `date` by category: those whose last enrolment event on or before it is an
    /// enrolment or a resumption (not interrupted, transferred away or terminated). Read from the count
    /// kept as events are appended (`InsuredCountChanges`): the same answer as `insuredByCategoryFromEvents`
    /// for every day, today or past, without visiting each person.
    public static func insuredByCategory(admdvs: String, on date: LocalDate, in db: any SQLDatabase) async throws -> [PersonCategory: Int64] {
        try await InsuredCountChanges.byCategory(admdvs: admdvs, on: date, in: db)
    }

    /// The same count found from the events themselves, each person's last one on the day: the registry's
    /// record (`EnrolmentRepository` appends events in order), which the kept count must equal (tests
    /// check it over random sequences). Visits every event of the region.
    public static func insuredByCategoryFromEvents(admdvs: String, on date: LocalDate, in db: any SQLDatabase) async throws -> [PersonCategory: Int64] {
        var counts: [PersonCategory: Int64] = [:]
        for row in try await db.raw("""
            SELECT p.psn_type, CAST(COUNT(*) AS BIGINT) AS n
            FROM enrolment_events e JOIN persons p ON p.admdvs = e.admdvs AND p.psn_no = e.psn_no
            WHERE e.admdvs = \(bind: admdvs) AND e.event_date <= \(bind: date.description) AND e.kind IN ('enrolled', 'resumed')
              AND NOT EXISTS (SELECT 1 FROM enrolment_events later WHERE later.admdvs = e.admdvs AND later.psn_no = e.psn_no
                              AND later.seq > e.seq AND later.event_date <= \(bind: date.description))
            GROUP BY p.psn_type
            """).all() {
            guard let category = PersonCategory(rawValue: try row.decode(column: "psn_type", as: String.self)) else { continue }
            counts[category] = try row.decode(column: "n", as: Int64.self)
        }
        return counts
    }

    /// A month's contribution bills: what is due (employer and individual shares) and what has been
    /// paid against them so far.
    public struct Collection: Sendable, Equatable {
        public var bills: Int64
        public var due: Money
        public var received: Money
        public var outstanding: Money { due - received }

        /// Received over due in tenths of a percent, rounded half up (nil when nothing is due).
        public var rateInPermille: Int64? {
            due.fen > 0 ? (received.fen * 2_000 + due.fen) / (due.fen * 2) : nil
        }
    }

    /// The latest month billed in the region up to `month` (`YYYY-MM`), if any.
    public static func latestBilledMonth(admdvs: String, notAfter month: String, in db: any SQLDatabase) async throws -> String? {
        try await db.raw("SELECT MAX(month) AS month FROM contribution_bills WHERE admdvs = \(bind: admdvs) AND month <= \(bind: month)")
            .first()?.decode(column: "month", as: String?.self)
    }

    public static func collection(admdvs: String, month: String, in db: any SQLDatabase) async throws -> Collection {
        let row = try await db.raw("""
            SELECT CAST(COUNT(*) AS BIGINT) AS bills, CAST(COALESCE(SUM(employer_fen + individual_fen), 0) AS BIGINT) AS due,
                   CAST(COALESCE(SUM(paid_fen), 0) AS BIGINT) AS received
            FROM contribution_bills WHERE admdvs = \(bind: admdvs) AND month = \(bind: month)
            """).first()
        return Collection(bills: try row?.decode(column: "bills", as: Int64.self) ?? 0,
                          due: Money(fen: try row?.decode(column: "due", as: Int64.self) ?? 0),
                          received: Money(fen: try row?.decode(column: "received", as: Int64.self) ?? 0))
    }
}
