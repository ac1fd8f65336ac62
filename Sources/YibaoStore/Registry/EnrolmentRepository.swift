import SQLKit
import YibaoCore

/// A person's enrolment events (`enrolment_events`), replayed into `EnrolmentHistory`. Every change goes
/// through the state machine before it is stored, so the table only ever holds a legal sequence, and a
/// second enrolment while one is held is refused naming it (`ENROLMENT_DUPLICATE`).
public enum EnrolmentRepository {
    /// The person's history, replayed from its stored events (one query).
    public static func history(admdvs: String, psnNo: Int64, in db: any SQLDatabase) async throws -> EnrolmentHistory {
        let rows = try await db.rows(eventsOf, admdvs, psnNo)
        return try EnrolmentHistory(replaying: try rows.map(event(from:)))
    }
    private static let eventsOf = StaticSQL("SELECT * FROM enrolment_events WHERE admdvs = $1 AND psn_no = $2 ORDER BY seq")

    /// Checks `event` against the stored history and appends it, with an audit entry and its change of
    /// the region's insured count (`InsuredCountChanges`), in the caller's transaction. Returns the
    /// history after the change.
    @discardableResult
    public static func append(_ event: EnrolmentEvent, admdvs: String, psnNo: Int64, by actor: AuditActor,
                              in db: any SQLDatabase) async throws -> EnrolmentHistory {
        var history = try await history(admdvs: admdvs, psnNo: psnNo, in: db)
        let previous = history.events.last.map { Self.columns(of: $0).kind }
        try history.apply(event)
        let columns = Self.columns(of: event)
        try await db.insert(into: "enrolment_events")
            .columns("admdvs", "psn_no", "seq", "kind", "event_date", "region", "insutype", "category", "gap_paid_on", "reason",
                     "created_at", "created_by")
            .values(SQLBind(admdvs), SQLBind(psnNo), SQLBind(history.events.count), SQLBind(columns.kind),
                    SQLBind(event.date.description), SQLBind(columns.region), SQLBind(columns.insutype), SQLBind(columns.category),
                    SQLBind(columns.gapPaidOn), SQLBind(columns.reason), SQLBind(Clock.nowMillis()), SQLBind(actor.name))
            .run()
        try await AuditTrail.append(actor.event(action: "enrolment.\(columns.kind)", target: "person:\(psnNo)",
                                                after: "date=\(event.date)"), in: db)
        // After the audit append, which already holds the region's audit head: appends that touch the
        // same count row are then ordered by that lock and cannot deadlock on PostgreSQL.
        if let category = try await db.select().column("psn_type").from("persons").where("admdvs", .equal, admdvs)
            .where("psn_no", .equal, psnNo).first()?.decode(column: "psn_type", as: String.self) {
            try await InsuredCountChanges.add(InsuredCountChanges.delta(from: previous, to: columns.kind), admdvs: admdvs,
                                              category: category, on: event.date.description, in: db)
        }
        return history
    }

    struct Columns {
        var kind: String
        var region: String? = nil, insutype: String? = nil, category: String? = nil, gapPaidOn: String? = nil, reason: String? = nil
    }

    static func columns(of event: EnrolmentEvent) -> Columns {
        switch event {
        case .enrolled(_, let scheme, let category):
            return Columns(kind: "enrolled", region: scheme.region.value, insutype: scheme.insutype.rawValue, category: category.rawValue)
        case .interrupted:
            return Columns(kind: "interrupted")
        case .resumed(_, let paid):
            return Columns(kind: "resumed", gapPaidOn: paid?.description)
        case .transferred(_, let region):
            return Columns(kind: "transferred", region: region.value)
        case .terminated(_, let reason):
            return Columns(kind: "terminated", reason: reason.rawValue)
        }
    }

    static func event(from row: any SQLRow) throws -> EnrolmentEvent {
        let date = try LocalDate.parse(try row.decode(column: "event_date", as: String.self))
        let region = try row.decode(column: "region", as: String?.self)
        switch try row.decode(column: "kind", as: String.self) {
        case "enrolled":
            let insutype = try Insutype.parse(try row.decode(column: "insutype", as: String?.self) ?? "")
            let category = try row.decode(column: "category", as: String?.self).flatMap(PersonCategory.init(rawValue:)) ?? .employee
            return .enrolled(on: date, scheme: InsuredScheme(region: try RegionCode.parse(region ?? ""), insutype: insutype),
                             category: category)
        case "interrupted":
            return .interrupted(on: date)
        case "resumed":
            return .resumed(on: date, gapPaidOn: try row.decode(column: "gap_paid_on", as: String?.self).map { try LocalDate.parse($0) })
        case "transferred":
            return .transferred(on: date, to: try RegionCode.parse(region ?? ""))
        default:
            let reason = try row.decode(column: "reason", as: String?.self).flatMap(TerminationReason.init(rawValue:)) ?? .other
            return .terminated(on: date, reason: reason)
        }
    }
}
