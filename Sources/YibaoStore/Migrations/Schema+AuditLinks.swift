/// Migration 14 (issue 6): `audit_heads.prev_hash`, the hash of the link before the head. On PostgreSQL
/// one statement advances the head and writes the log row (`AuditTrail.appendLinkedByPostgres`), and an
/// UPDATE's RETURNING gives only new values: the head keeps the previous hash so that the row can be
/// written with it. SQLite's append keeps it too, so the column means the same on both.
extension Schema {
    static let v14AuditLinks = Migration(14, "audit head keeps the previous link", [
        "ALTER TABLE audit_heads ADD COLUMN prev_hash TEXT NOT NULL DEFAULT ''",
    ])
}
