import SQLKit
import YibaoCore

/// The append-only operation log (操作日志): one SHA-256 hash chain per region.
///
/// `append` must be called inside the same `Database.write` transaction as the change it records,
/// so the change and its log row commit or vanish together. Appends of one region are ordered by its
/// head row (`audit_heads`): under the single writer on SQLite, by the head's row lock on PostgreSQL.
///
/// On PostgreSQL every settlement of a region waits for that lock, which is held from the head's
/// update to COMMIT: at 32 clients the head's update waited 27 ms on average, one settlement at a time
/// behind five round trips (the head read, the row, the head's advance, the HIS answer, COMMIT). There
/// the link is therefore made by PostgreSQL itself in one statement — the head advanced and the row
/// written from its old and new values, the hash the same SHA-256 as `AuditHash` in SQL — and that
/// statement is held (`runDeferred`) to go out with the transaction's last one, so the lock is held
/// for about that statement and COMMIT. SQLite links in Swift (it has no SHA-256 of its own, and
/// nothing waits there on a round trip).
public enum AuditTrail {
    public static func append(_ event: AuditEvent, in db: any SQLDatabase, at now: Int64 = Clock.nowMillis()) async throws {
        if db.dialect.name == "postgresql" {
            try await db.runDeferred(appendLinkedByPostgres, event.region, now, event.actor, event.role, event.action, event.target,
                                     event.before, event.after)
            return
        }
        // One statement creates the head row on first use or, when it exists, touches it; its values come back.
        guard let head = try await db.first(lockHead, event.region, AuditHash.genesis) else {
            preconditionFailure("audit head row vanished inside its own transaction")
        }
        let prevSeq = try head.decode(column: "seq", as: Int64.self)
        let prevHash = try head.decode(column: "hash", as: String.self)
        var record = AuditRecord(region: event.region, seq: prevSeq + 1, at: now, actor: event.actor, role: event.role,
                                 action: event.action, target: event.target, before: event.before, after: event.after,
                                 prevHash: prevHash, hash: "")
        record.hash = AuditHash.compute(record)
        try await db.run(insertRecord, record.region, record.seq, record.at, record.actor, record.role, record.action, record.target,
                         record.before, record.after, record.prevHash, record.hash)
        try await db.run(advanceHead, record.seq, record.hash, record.region)
    }

    private static let lockHead = StaticSQL("""
        INSERT INTO audit_heads (admdvs, seq, hash) VALUES ($1, 0, $2)
        ON CONFLICT (admdvs) DO UPDATE SET seq = audit_heads.seq RETURNING seq, hash
        """)
    private static let insertRecord = StaticSQL("""
        INSERT INTO audit_log (admdvs, seq, at, actor, role, action, target, before_summary, after_summary, prev_hash, hash)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
        """)
    private static let advanceHead = StaticSQL("UPDATE audit_heads SET seq = $1, prev_hash = hash, hash = $2 WHERE admdvs = $3")

    /// PostgreSQL: the head created (first link) or advanced, under its row lock, and the row written
    /// with the head's previous and new hash. ON CONFLICT … DO UPDATE works on the newest committed head
    /// even when it waited for another append's lock, so concurrent appends still form one chain.
    /// $1 region, $2 at, $3 actor, $4 role, $5 action, $6 target, $7 before, $8 after.
    static let appendLinkedByPostgres = StaticSQL("""
        WITH audit_head AS (
            INSERT INTO audit_heads AS head (admdvs, seq, prev_hash, hash)
            VALUES ($1, 1, '\(AuditHash.genesis)', \(linkSQL(prevHash: "'\(AuditHash.genesis)'", seq: "1")))
            ON CONFLICT (admdvs) DO UPDATE SET seq = head.seq + 1, prev_hash = head.hash,
                hash = \(linkSQL(prevHash: "head.hash", seq: "head.seq + 1"))
            RETURNING seq, prev_hash, hash)
        INSERT INTO audit_log (admdvs, seq, at, actor, role, action, target, before_summary, after_summary, prev_hash, hash)
        SELECT $1, seq, $2, $3, $4, $5, $6, $7, $8, prev_hash, hash FROM audit_head
        """)

    /// `AuditHash.compute` in SQL: SHA-256 over the fields, each as "<UTF-8 length>:<text>", in hex.
    private static func linkSQL(prevHash: String, seq: String) -> String {
        let fields = [prevHash, "$1", "(\(seq))::text", "$2::text", "$3", "$4", "$5", "$6", "$7", "$8"]
        let framed = fields.map { "octet_length(\($0))::text || ':' || \($0)" }.joined(separator: " || ")
        return "encode(sha256(convert_to(\(framed), 'UTF8')), 'hex')"
    }

    /// The most recent records of a region, newest first.
    public static func recent(region: String, limit: Int, in db: any SQLDatabase) async throws -> [AuditRecord] {
        try await db.raw("""
            SELECT * FROM audit_log WHERE admdvs = \(bind: region) ORDER BY seq DESC LIMIT \(bind: limit)
            """).all().map(AuditRecord.init(row:))
    }
}

extension AuditRecord {
    init(row: any SQLRow) throws {
        self.init(region: try row.decode(column: "admdvs", as: String.self),
                  seq: try row.decode(column: "seq", as: Int64.self),
                  at: try row.decode(column: "at", as: Int64.self),
                  actor: try row.decode(column: "actor", as: String.self),
                  role: try row.decode(column: "role", as: String.self),
                  action: try row.decode(column: "action", as: String.self),
                  target: try row.decode(column: "target", as: String.self),
                  before: try row.decode(column: "before_summary", as: String.self),
                  after: try row.decode(column: "after_summary", as: String.self),
                  prevHash: try row.decode(column: "prev_hash", as: String.self),
                  hash: try row.decode(column: "hash", as: String.self))
    }
}
