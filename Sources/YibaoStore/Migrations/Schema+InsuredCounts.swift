/// Migration 9 (issue 7, the dashboard under 50 ms): the insured count by region, category and day of
/// change (`InsuredCountChanges`), built here from the enrolment events already stored. Each event's
/// change is its own state (insured after an enrolment or a resumption) less the state of the person's
/// event before it.
extension Schema {
    static let v9InsuredCounts = Migration(9, "insured counts by region, category and day", [
        """
        CREATE TABLE insured_count_changes (
            admdvs TEXT NOT NULL,
            psn_type TEXT NOT NULL,
            change_date TEXT NOT NULL,
            delta BIGINT NOT NULL,
            PRIMARY KEY (admdvs, psn_type, change_date))
        """,
        """
        INSERT INTO insured_count_changes (admdvs, psn_type, change_date, delta)
        SELECT e.admdvs, p.psn_type, e.event_date,
               SUM(CASE WHEN e.kind IN ('enrolled', 'resumed') THEN 1 ELSE 0 END
                   - CASE WHEN prev.kind IN ('enrolled', 'resumed') THEN 1 ELSE 0 END)
        FROM enrolment_events e
        JOIN persons p ON p.admdvs = e.admdvs AND p.psn_no = e.psn_no
        LEFT JOIN enrolment_events prev ON prev.admdvs = e.admdvs AND prev.psn_no = e.psn_no
            AND prev.seq = (SELECT MAX(x.seq) FROM enrolment_events x WHERE x.admdvs = e.admdvs AND x.psn_no = e.psn_no AND x.seq < e.seq)
        GROUP BY e.admdvs, p.psn_type, e.event_date
        """,
    ])
}
