import SQLKit
import YibaoCore

/// The stored half of maker-checker (`Approval`): every approval table has the same columns — `reason`,
/// `status`, `requested_by`, `requested_at`, `decided_by`, `decided_at`, `decision_note`, with a CHECK that
/// the decider is not the requester — and a decision is taken the same way whatever is being approved:
/// the rule decides, the workflow's effect runs (only on approval), the decision is written and audited,
/// all in the caller's one transaction. The caller reads (and locks) the request first.
enum ApprovalStore {
    static func approval(_ subject: Approval.Subject, from row: any SQLRow) throws -> Approval {
        Approval(subject: subject, reason: try row.decode(column: "reason", as: String.self),
                 requestedBy: try row.decode(column: "requested_by", as: String.self),
                 status: Approval.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .requested,
                 decidedBy: try row.decode(column: "decided_by", as: String?.self),
                 decisionNote: try row.decode(column: "decision_note", as: String.self))
    }

    /// Decides `record`'s approval for `actor`; on approval runs `effect` first (it may still refuse, which
    /// leaves the request undecided). `action` is the audit action prefix (`payment.refund`), `target` the
    /// audit target (`refund:<id>`).
    static func decide<Record: Sendable>(_ record: Record, _ approval: WritableKeyPath<Record, Approval> & Sendable, approve: Bool,
                                         note: String, table: String, admdvs: String, id: Int64, target: String, action: String, summary: String,
                                         by actor: AuditActor, in db: any SQLDatabase,
                                         effect: @Sendable (Record) async throws -> Void) async throws -> Record {
        var record = record
        let before = record[keyPath: approval].status
        try record[keyPath: approval].decide(approve: approve, by: actor.name, note: note)
        if approve { try await effect(record) }
        let decided = record[keyPath: approval]
        try await db.update(table).set("status", to: decided.status.rawValue).set("decided_by", to: actor.name)
            .set("decided_at", to: Clock.nowMillis()).set("decision_note", to: note)
            .where("admdvs", .equal, admdvs).where("id", .equal, id).run()
        try await AuditTrail.append(actor.event(action: "\(action).\(approve ? "approve" : "reject")", target: target,
                                                before: "status=\(before.rawValue)",
                                                after: "status=\(decided.status.rawValue) \(summary) note=\(note)"), in: db)
        return record
    }
}
