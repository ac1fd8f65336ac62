import SQLKit
import YibaoCore

/// The dashboard's insured count kept as it changes (`insured_count_changes`): per region, person
/// category and day, the net number of persons who became insured (+1) or stopped being insured (−1)
/// on that day. A person counts as insured while their last enrolment event is an enrolment or a
/// resumption, and the state machine only appends events dated on or after the previous one, so an
/// appended event changes the person's state from its own date onwards and never before: the count on
/// any day is the sum of the changes up to it. Reading it costs the number of distinct change days,
/// not the number of persons.
///
/// Every append of an enrolment event adds its change in the same transaction (`EnrolmentRepository`,
/// `SyntheticRegionWriter`); migration 9 built the table from the events already stored. A person's
/// category (`persons.psn_type`) is never updated; changing it would have to move the person's changes.
public enum InsuredCountChanges {
    /// Whether a person whose last event is `kind` (`EnrolmentRepository.columns(of:).kind`) is insured.
    public static func isInsured(_ kind: String?) -> Bool { kind == "enrolled" || kind == "resumed" }

    /// The change an event of `kind` makes after a previous last event of `previous` (nil: none).
    public static func delta(from previous: String?, to kind: String) -> Int64 {
        (isInsured(kind) ? 1 : 0) - (isInsured(previous) ? 1 : 0)
    }

    /// Adds `delta` to the day's change, in the caller's transaction (nothing for a zero change).
    static func add(_ delta: Int64, admdvs: String, category: String, on date: String, in db: any SQLDatabase) async throws {
        guard delta != 0 else { return }
        try await db.raw("""
            INSERT INTO insured_count_changes (admdvs, psn_type, change_date, delta)
            VALUES (\(bind: admdvs), \(bind: category), \(bind: date), \(bind: delta))
            ON CONFLICT (admdvs, psn_type, change_date) DO UPDATE SET delta = insured_count_changes.delta + excluded.delta
            """).run()
    }

    /// Persons insured in the region on `date`, by category.
    public static func byCategory(admdvs: String, on date: LocalDate, in db: any SQLDatabase) async throws -> [PersonCategory: Int64] {
        var counts: [PersonCategory: Int64] = [:]
        for row in try await db.raw("""
            SELECT psn_type, CAST(SUM(delta) AS BIGINT) AS n FROM insured_count_changes
            WHERE admdvs = \(bind: admdvs) AND change_date <= \(bind: date.description) GROUP BY psn_type
            """).all() {
            guard let category = PersonCategory(rawValue: try row.decode(column: "psn_type", as: String.self)) else { continue }
            let n = try row.decode(column: "n", as: Int64.self)
            if n != 0 { counts[category] = n }
        }
        return counts
    }
}
