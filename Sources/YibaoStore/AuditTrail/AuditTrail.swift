import SQLKit
import YibaoCore

/// The append-only operation log (操作日志): one SHA-256 hash chain per region.
///
/// `append` must be called inside the same `Database.write` transaction as the change it records,
/// so the change and its log row commit or vanish together. The region's head row is read with a
/// row lock (PostgreSQL) or under the single writer (SQLite), which orders appends per region.
public enum AuditTrail {
    @discardableResult
    public static func append(_ event: AuditEvent, in db: any SQLDatabase, at now: Int64 = Clock.nowMillis()) async throws -> AuditRecord {
        // One statement creates the head row on first use or, when it exists, touches it: either way the
        // row is locked for the rest of the transaction (a concurrent append waits here) and its values
        // come back. The no-op update is what takes the lock on PostgreSQL; SQLite's single writer
        // orders appends anyway.
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
        return record
    }

    private static let lockHead = StaticSQL("""
        INSERT INTO audit_heads (admdvs, seq, hash) VALUES ($1, 0, $2)
        ON CONFLICT (admdvs) DO UPDATE SET seq = audit_heads.seq RETURNING seq, hash
        """)
    private static let insertRecord = StaticSQL("""
        INSERT INTO audit_log (admdvs, seq, at, actor, role, action, target, before_summary, after_summary, prev_hash, hash)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
        """)
    private static let advanceHead = StaticSQL("UPDATE audit_heads SET seq = $1, hash = $2 WHERE admdvs = $3")

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
