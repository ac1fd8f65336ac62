/// Migration 3 (issue 4): the collection side — employers and their rosters, the persisted enrolment
/// events (replayed into `EnrolmentHistory`), locked contribution bases, monthly bills, imported payments
/// and their allocation to bills, deferral agreements, account credits and batch progress.
///
/// `employer_id` 0 on a base, bill or deferral means the person pays alone (flexible employment,
/// business owners, residents). Bills are unique per (region, employer, person, month), which is what
/// makes a billing run idempotent; `account_credits` is unique per (region, person, month) for crediting.
extension Schema {
    static let v3Registry = Migration(3, "employers, enrolment events, contributions, payments, arrears", [
        """
        CREATE TABLE employers (
            admdvs TEXT NOT NULL REFERENCES regions(admdvs),
            id BIGINT NOT NULL,
            credit_code TEXT NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            contact TEXT NOT NULL DEFAULT '',
            created_at BIGINT NOT NULL,
            PRIMARY KEY (admdvs, id))
        """,
        "CREATE UNIQUE INDEX employers_credit_code ON employers (credit_code)",
        // 增员 (hire) / 减员 (leave), effective from the first day of `effective_month` (YYYY-MM).
        """
        CREATE TABLE employer_roster_events (
            admdvs TEXT NOT NULL,
            id BIGINT NOT NULL,
            employer_id BIGINT NOT NULL,
            psn_no BIGINT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('hire', 'leave')),
            effective_month TEXT NOT NULL CHECK (length(effective_month) = 7),
            created_at BIGINT NOT NULL,
            created_by TEXT NOT NULL,
            PRIMARY KEY (admdvs, id))
        """,
        "CREATE INDEX employer_roster_by_employer ON employer_roster_events (admdvs, employer_id, psn_no, effective_month)",
        // One row per `EnrolmentEvent`, numbered per person; `region` is the scheme's region on an
        // enrolment and the destination on a transfer.
        """
        CREATE TABLE enrolment_events (
            admdvs TEXT NOT NULL,
            psn_no BIGINT NOT NULL,
            seq BIGINT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('enrolled', 'interrupted', 'resumed', 'transferred', 'terminated')),
            event_date TEXT NOT NULL,
            region TEXT,
            insutype TEXT,
            category TEXT,
            gap_paid_on TEXT,
            reason TEXT,
            created_at BIGINT NOT NULL,
            created_by TEXT NOT NULL,
            PRIMARY KEY (admdvs, psn_no, seq))
        """,
        """
        CREATE TABLE contribution_bases (
            admdvs TEXT NOT NULL,
            employer_id BIGINT NOT NULL,
            psn_no BIGINT NOT NULL,
            year BIGINT NOT NULL,
            declared_fen BIGINT NOT NULL CHECK (declared_fen >= 0),
            base_fen BIGINT NOT NULL CHECK (base_fen >= 0),
            adjustment TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            locked_at BIGINT NOT NULL,
            locked_by TEXT NOT NULL,
            PRIMARY KEY (admdvs, employer_id, psn_no, year))
        """,
        """
        CREATE TABLE contribution_bills (
            admdvs TEXT NOT NULL,
            id BIGINT NOT NULL,
            employer_id BIGINT NOT NULL,
            psn_no BIGINT NOT NULL,
            month TEXT NOT NULL CHECK (length(month) = 7),
            employer_fen BIGINT NOT NULL CHECK (employer_fen >= 0),
            individual_fen BIGINT NOT NULL CHECK (individual_fen >= 0),
            due_date TEXT NOT NULL,
            paid_fen BIGINT NOT NULL DEFAULT 0 CHECK (paid_fen >= 0),
            cleared_on TEXT,
            created_at BIGINT NOT NULL,
            PRIMARY KEY (admdvs, id),
            UNIQUE (admdvs, employer_id, psn_no, month))
        """,
        "CREATE INDEX contribution_bills_by_person ON contribution_bills (admdvs, psn_no, due_date)",
        "CREATE INDEX contribution_bills_by_month ON contribution_bills (admdvs, month)",
        // An imported statement line (银行/税务对账单); the system never holds cash, it records what arrived.
        """
        CREATE TABLE payments (
            admdvs TEXT NOT NULL,
            id BIGINT NOT NULL,
            statement TEXT NOT NULL,
            line_no BIGINT NOT NULL,
            payer TEXT NOT NULL,
            amount_fen BIGINT NOT NULL CHECK (amount_fen > 0),
            paid_on TEXT NOT NULL,
            reference TEXT NOT NULL DEFAULT '',
            unallocated_fen BIGINT NOT NULL CHECK (unallocated_fen >= 0),
            imported_at BIGINT NOT NULL,
            PRIMARY KEY (admdvs, id),
            UNIQUE (admdvs, statement, line_no))
        """,
        """
        CREATE TABLE payment_allocations (
            admdvs TEXT NOT NULL,
            payment_id BIGINT NOT NULL,
            bill_id BIGINT NOT NULL,
            amount_fen BIGINT NOT NULL CHECK (amount_fen > 0),
            paid_on TEXT NOT NULL,
            PRIMARY KEY (admdvs, payment_id, bill_id))
        """,
        "CREATE INDEX payment_allocations_by_bill ON payment_allocations (admdvs, bill_id)",
        // 缓缴协议: for an employer's bills (psn_no 0) or one person's (employer_id 0).
        """
        CREATE TABLE deferrals (
            admdvs TEXT NOT NULL,
            id BIGINT NOT NULL,
            employer_id BIGINT NOT NULL,
            psn_no BIGINT NOT NULL,
            from_date TEXT NOT NULL,
            through_date TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            created_at BIGINT NOT NULL,
            PRIMARY KEY (admdvs, id),
            CHECK (from_date <= through_date))
        """,
        "CREATE INDEX deferrals_by_person ON deferrals (admdvs, psn_no)",
        "CREATE INDEX deferrals_by_employer ON deferrals (admdvs, employer_id)",
        """
        CREATE TABLE account_credits (
            admdvs TEXT NOT NULL,
            psn_no BIGINT NOT NULL,
            month TEXT NOT NULL CHECK (length(month) = 7),
            first_level_fen BIGINT NOT NULL,
            second_level_fen BIGINT NOT NULL,
            created_at BIGINT NOT NULL,
            PRIMARY KEY (admdvs, psn_no, month))
        """,
        // Progress of a batch (billing, crediting, accrual) for one region and period: resumable after a crash.
        """
        CREATE TABLE batch_runs (
            admdvs TEXT NOT NULL,
            kind TEXT NOT NULL,
            period TEXT NOT NULL,
            status TEXT NOT NULL,
            last_psn_no BIGINT NOT NULL DEFAULT 0,
            processed BIGINT NOT NULL DEFAULT 0,
            started_at BIGINT NOT NULL,
            finished_at BIGINT,
            PRIMARY KEY (admdvs, kind, period))
        """,
    ])
}
