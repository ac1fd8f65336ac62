/// Migration 8 (issue 4, remainders): schools and the students they register by school year, and
/// back-payments (补缴) of missed resident years under maker-checker.
///
/// A school (`schools`) is registered by the region with the county (区县) that funds it, or none:
/// `county_funded` decides the subsidy split of its students (Benxi R12: county-funded schools' students
/// city 60% / county 40%, other schools' wholly the city). `school_students` holds one school per
/// student and school year (the year the school year starts, R15/R21: 1 Sep–31 Aug).
///
/// `back_payments` is a request for one person's missed years with the maker-checker columns of
/// `payment_refunds` (the decider never the requester, also checked here); `back_payment_years` holds
/// each year's premium as computed at the request (no subsidy, R19), which an approval bills.
/// `resident_premiums.back_payment_id` marks a year billed as a back-payment (its subsidy is 0).
extension Schema {
    static let v8SchoolsAndBackPayments = Migration(8, "schools, school students, back-payments", [
        """
        CREATE TABLE schools (
            admdvs TEXT NOT NULL REFERENCES regions(admdvs),
            id BIGINT NOT NULL,
            name TEXT NOT NULL,
            county_admdvs TEXT NOT NULL CHECK (length(county_admdvs) = 6),
            county_funded BIGINT NOT NULL CHECK (county_funded IN (0, 1)),
            created_at BIGINT NOT NULL,
            created_by TEXT NOT NULL,
            PRIMARY KEY (admdvs, id),
            UNIQUE (admdvs, name))
        """,
        """
        CREATE TABLE school_students (
            admdvs TEXT NOT NULL,
            psn_no BIGINT NOT NULL,
            school_year BIGINT NOT NULL,
            school_id BIGINT NOT NULL,
            registered_on TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            created_by TEXT NOT NULL,
            PRIMARY KEY (admdvs, psn_no, school_year))
        """,
        "CREATE INDEX school_students_by_school ON school_students (admdvs, school_id, school_year)",
        """
        CREATE TABLE back_payments (
            admdvs TEXT NOT NULL,
            id BIGINT NOT NULL,
            psn_no BIGINT NOT NULL,
            amount_fen BIGINT NOT NULL CHECK (amount_fen > 0),
            reason TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('requested', 'approved', 'rejected')),
            requested_by TEXT NOT NULL,
            requested_at BIGINT NOT NULL,
            decided_by TEXT,
            decided_at BIGINT,
            decision_note TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (admdvs, id),
            CHECK (decided_by IS NULL OR decided_by <> requested_by))
        """,
        "CREATE INDEX back_payments_by_person ON back_payments (admdvs, psn_no)",
        """
        CREATE TABLE back_payment_years (
            admdvs TEXT NOT NULL,
            back_payment_id BIGINT NOT NULL,
            year BIGINT NOT NULL,
            category TEXT NOT NULL,
            age BIGINT NOT NULL,
            statuses TEXT NOT NULL DEFAULT '',
            amount_fen BIGINT NOT NULL CHECK (amount_fen > 0),
            due_date TEXT NOT NULL,
            county_admdvs TEXT NOT NULL,
            PRIMARY KEY (admdvs, back_payment_id, year))
        """,
        "ALTER TABLE resident_premiums ADD COLUMN back_payment_id BIGINT",
    ])
}
