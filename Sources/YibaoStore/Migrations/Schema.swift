/// The schema, version by version. Conventions: every business table has `admdvs` (the pooling
/// region) and its key begins with it, so PostgreSQL can partition by region and a distributed
/// PostgreSQL can distribute on it; hot tables use time-ordered BIGINT ids (`IDGenerator`); money
/// is BIGINT fen (`*_fen`); dates are TEXT `YYYY-MM-DD` (sortable, identical on both databases);
/// instants are BIGINT milliseconds since 1970.
public enum Schema {
    public static let all: [Migration] = [v1Foundation, v2Settlement, v3Registry, v4HouseholdsAndRefunds, v5ConsoleIndexes, v6BatchIndexes, v7DashboardIndexes,
                                           v8SchoolsAndBackPayments, v9InsuredCounts, v10ConsoleJobs, v11EmployerUsers,
                                           v12BackPaymentMonths, v13ReferenceVersion, v14AuditLinks, v15DesignationsKept,
                                           v16AccumulatorColumns, v17CatalogueBeds, v18PasswordChange,
                                           v19SignInLockout, v20SessionIdle, v21PasswordAge, v22PasswordHistory]

    static let v1Foundation = Migration(1, "foundation", [
        """
        CREATE TABLE regions (
            admdvs TEXT PRIMARY KEY CHECK (length(admdvs) = 6),
            name TEXT NOT NULL,
            name_en TEXT NOT NULL DEFAULT '',
            parent_admdvs TEXT REFERENCES regions(admdvs),
            created_at BIGINT NOT NULL)
        """,
        """
        CREATE TABLE region_parameters (
            admdvs TEXT NOT NULL REFERENCES regions(admdvs),
            year BIGINT NOT NULL,
            avg_wage_fen BIGINT NOT NULL CHECK (avg_wage_fen > 0),
            avg_pension_fen BIGINT,
            min_wage_fen BIGINT,
            PRIMARY KEY (admdvs, year))
        """,
        """
        CREATE TABLE policy_documents (
            admdvs TEXT NOT NULL REFERENCES regions(admdvs),
            id BIGINT NOT NULL,
            doc_id TEXT NOT NULL UNIQUE,
            insutype TEXT NOT NULL,
            effective_from TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            content TEXT NOT NULL,
            content_sha256 TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            created_by TEXT NOT NULL,
            PRIMARY KEY (admdvs, id),
            UNIQUE (admdvs, insutype, effective_from))
        """,
        """
        CREATE TABLE institutions (
            admdvs TEXT NOT NULL REFERENCES regions(admdvs),
            fixmedins_code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            grade TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            PRIMARY KEY (admdvs, fixmedins_code))
        """,
        """
        CREATE TABLE users (
            id BIGINT PRIMARY KEY,
            username TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL,
            admdvs TEXT NOT NULL REFERENCES regions(admdvs),
            fixmedins_code TEXT,
            psn_no BIGINT,
            password_hash TEXT,
            active BIGINT NOT NULL DEFAULT 1,
            created_at BIGINT NOT NULL)
        """,
        """
        CREATE TABLE api_tokens (
            id BIGINT PRIMARY KEY,
            token_sha256 TEXT NOT NULL UNIQUE,
            user_id BIGINT NOT NULL REFERENCES users(id),
            name TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            revoked_at BIGINT)
        """,
        """
        CREATE TABLE sessions (
            token_sha256 TEXT PRIMARY KEY,
            user_id BIGINT NOT NULL REFERENCES users(id),
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL)
        """,
        // The audit trail is one hash chain per region; `audit_heads` holds each chain's last link and
        // is updated in the same transaction as the append, which serialises appends per region.
        """
        CREATE TABLE audit_log (
            admdvs TEXT NOT NULL,
            seq BIGINT NOT NULL,
            at BIGINT NOT NULL,
            actor TEXT NOT NULL,
            role TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL,
            before_summary TEXT NOT NULL,
            after_summary TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL,
            PRIMARY KEY (admdvs, seq))
        """,
        """
        CREATE TABLE audit_heads (
            admdvs TEXT PRIMARY KEY,
            seq BIGINT NOT NULL,
            hash TEXT NOT NULL)
        """,
    ])
}
