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
        // The head row is created on first use without racing (a concurrent first append waits for the
        // other's insert and then finds the row), then locked for the rest of the transaction.
        try await db.raw("""
            INSERT INTO audit_heads (admdvs, seq, hash) VALUES (\(bind: event.region), 0, \(bind: AuditHash.genesis))
            ON CONFLICT (admdvs) DO NOTHING
            """).run()
        let lock = db.dialect.name == "postgresql" ? " FOR UPDATE" : ""
        guard let head = try await db.raw("SELECT seq, hash FROM audit_heads WHERE admdvs = \(bind: event.region)\(unsafeRaw: lock)").first() else {
            preconditionFailure("audit head row vanished inside its own transaction")
        }
        let prevSeq = try head.decode(column: "seq", as: Int64.self)
        let prevHash = try head.decode(column: "hash", as: String.self)
        var record = AuditRecord(region: event.region, seq: prevSeq + 1, at: now, actor: event.actor, role: event.role,
                                 action: event.action, target: event.target, before: event.before, after: event.after,
                                 prevHash: prevHash, hash: "")
        record.hash = AuditHash.compute(record)
        try await db.insert(into: "audit_log")
            .columns("admdvs", "seq", "at", "actor", "role", "action", "target", "before_summary", "after_summary", "prev_hash", "hash")
            .values(SQLBind(record.region), SQLBind(record.seq), SQLBind(record.at), SQLBind(record.actor), SQLBind(record.role),
                    SQLBind(record.action), SQLBind(record.target), SQLBind(record.before), SQLBind(record.after),
                    SQLBind(record.prevHash), SQLBind(record.hash))
            .run()
        try await db.update("audit_heads").set("seq", to: record.seq).set("hash", to: record.hash)
            .where("admdvs", .equal, record.region).run()
        return record
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
