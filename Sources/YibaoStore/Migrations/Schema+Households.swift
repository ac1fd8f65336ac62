/// Migration 4 (issue 4, second part): persons' hukou region and dated special statuses, resident
/// households, resident annual premiums with their subsidy split, retirees' pensions (the basis of their
/// account credits), employers' reported wage totals (for the audit of falling bases), and maker-checker refunds of money received but owed to nobody with the collection ledger
/// their approvals post to.
///
/// `persons.special_statuses` stays the set the settlement engine reads (the statuses in force on the
/// enrolment day); `person_statuses` holds every status with its effective dates. A person belongs to at
/// most one household (`household_members` is keyed by the person).
///
/// `resident_premiums` is one row per (region, person, contribution year): the category and statuses the
/// year was billed on, the personal part (also the bill in `contribution_bills`, month `Y-01`) and the
/// subsidy with the city's and the county's parts, the county being the person's hukou district (R13).
///
/// A refund is requested by one user and decided by another (`requested_by` ≠ `decided_by`, also checked
/// by the database); only an approval moves money, as a double entry in `collection_ledger` (two rows per
/// `movement_id`, summing to zero) together with the payment's lower `unallocated_fen`.
extension Schema {
    static let v4HouseholdsAndRefunds = Migration(4, "person statuses, households, refunds, collection ledger", [
        "ALTER TABLE persons ADD COLUMN hukou_admdvs TEXT NOT NULL DEFAULT ''",
        """
        CREATE TABLE person_statuses (
            admdvs TEXT NOT NULL,
            psn_no BIGINT NOT NULL,
            status TEXT NOT NULL,
            from_date TEXT NOT NULL,
            through_date TEXT,
            created_at BIGINT NOT NULL,
            created_by TEXT NOT NULL,
            PRIMARY KEY (admdvs, psn_no, status, from_date),
            CHECK (through_date IS NULL OR from_date <= through_date))
        """,
        """
        CREATE TABLE households (
            admdvs TEXT NOT NULL REFERENCES regions(admdvs),
            id BIGINT NOT NULL,
            address TEXT NOT NULL DEFAULT '',
            created_at BIGINT NOT NULL,
            created_by TEXT NOT NULL,
            PRIMARY KEY (admdvs, id))
        """,
        """
        CREATE TABLE household_members (
            admdvs TEXT NOT NULL,
            psn_no BIGINT NOT NULL,
            household_id BIGINT NOT NULL,
            relation TEXT NOT NULL,
            joined_on TEXT NOT NULL,
            PRIMARY KEY (admdvs, psn_no))
        """,
        "CREATE INDEX household_members_by_household ON household_members (admdvs, household_id)",
        """
        CREATE TABLE resident_premiums (
            admdvs TEXT NOT NULL,
            psn_no BIGINT NOT NULL,
            year BIGINT NOT NULL,
            category TEXT NOT NULL,
            age BIGINT NOT NULL,
            statuses TEXT NOT NULL DEFAULT '',
            personal_fen BIGINT NOT NULL CHECK (personal_fen >= 0),
            subsidy_fen BIGINT NOT NULL CHECK (subsidy_fen >= 0),
            city_fen BIGINT NOT NULL CHECK (city_fen >= 0),
            county_fen BIGINT NOT NULL CHECK (county_fen >= 0),
            county_admdvs TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            PRIMARY KEY (admdvs, psn_no, year),
            CHECK (city_fen + county_fen = subsidy_fen))
        """,
        // The wage total (工资总额) an employer reports for a year, compared with its declared bases.
        """
        CREATE TABLE employer_wage_totals (
            admdvs TEXT NOT NULL,
            employer_id BIGINT NOT NULL,
            year BIGINT NOT NULL,
            wage_total_fen BIGINT NOT NULL CHECK (wage_total_fen >= 0),
            recorded_at BIGINT NOT NULL,
            recorded_by TEXT NOT NULL,
            PRIMARY KEY (admdvs, employer_id, year))
        """,
        // The monthly pension a retiree's account credit is computed from in `year` (004 L17: 6% of the
        // prior-year pension, taken monthly), as reported by the pension agency.
        """
        CREATE TABLE pensions (
            admdvs TEXT NOT NULL,
            psn_no BIGINT NOT NULL,
            year BIGINT NOT NULL,
            monthly_fen BIGINT NOT NULL CHECK (monthly_fen > 0),
            recorded_at BIGINT NOT NULL,
            recorded_by TEXT NOT NULL,
            PRIMARY KEY (admdvs, psn_no, year))
        """,
        """
        CREATE TABLE payment_refunds (
            admdvs TEXT NOT NULL,
            id BIGINT NOT NULL,
            payment_id BIGINT NOT NULL,
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
        "CREATE INDEX payment_refunds_by_payment ON payment_refunds (admdvs, payment_id)",
        """
        CREATE TABLE collection_ledger (
            admdvs TEXT NOT NULL,
            entry_id BIGINT NOT NULL,
            movement_id BIGINT NOT NULL,
            ledger_account TEXT NOT NULL,
            amount_fen BIGINT NOT NULL,
            payment_id BIGINT NOT NULL,
            refund_id BIGINT,
            kind TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            PRIMARY KEY (admdvs, entry_id))
        """,
        "CREATE INDEX collection_ledger_by_payment ON collection_ledger (admdvs, payment_id)",
    ])
}
