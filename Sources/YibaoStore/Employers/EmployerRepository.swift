import SQLKit
import YibaoCore

/// Employers and their rosters. Roster changes (增员 hire / 减员 leave) take effect from the first day
/// of a month; a person is on the roster in month M when their latest change effective in or before M
/// is a hire.
public enum EmployerRepository {
    public enum RosterChange: String, Sendable, Codable { case hire, leave }

    @discardableResult
    public static func create(_ employer: EmployerRecord, by actor: AuditActor, in db: any SQLDatabase) async throws -> EmployerRecord {
        let code = try CreditCode.parse(employer.creditCode)
        guard !employer.name.isEmpty else {
            throw DomainError(code: "EMPLOYER_NAME", message: "单位名称不能为空", messageEn: "the employer name is required", path: "name")
        }
        guard try await db.select().column("id").from("employers").where("credit_code", .equal, code.value).first() == nil else {
            throw DomainError(.conflict, code: "EMPLOYER_EXISTS", message: "统一社会信用代码 \(code) 已登记",
                              messageEn: "credit code \(code) is already registered", path: "credit_code")
        }
        var record = employer
        record.creditCode = code.value
        record.id = IDGenerator.shared.next()
        try await db.insert(into: "employers").columns("admdvs", "id", "credit_code", "name", "kind", "contact", "created_at")
            .values(SQLBind(record.admdvs), SQLBind(record.id), SQLBind(record.creditCode), SQLBind(record.name), SQLBind(record.kind),
                    SQLBind(record.contact), SQLBind(Clock.nowMillis()))
            .run()
        try await AuditTrail.append(actor.event(action: "employer.create", target: "employer:\(record.id)", after: record.creditCode), in: db)
        return record
    }

    public static func find(admdvs: String, id: Int64, in db: any SQLDatabase) async throws -> EmployerRecord? {
        try await db.select().column("*").from("employers").where("admdvs", .equal, admdvs).where("id", .equal, id)
            .first().map(EmployerRecord.init(row:))
    }

    public static func list(admdvs: String, in db: any SQLDatabase) async throws -> [EmployerRecord] {
        try await db.select().column("*").from("employers").where("admdvs", .equal, admdvs).orderBy("name").all()
            .map(EmployerRecord.init(row:))
    }

    /// Records a hire or a leave effective from `month` (`YYYY-MM`).
    public static func change(_ change: RosterChange, employerID: Int64, psnNo: Int64, month: String, admdvs: String,
                              by actor: AuditActor, in db: any SQLDatabase) async throws {
        _ = try BillingMonth.parse(month)
        try await db.insert(into: "employer_roster_events")
            .columns("admdvs", "id", "employer_id", "psn_no", "kind", "effective_month", "created_at", "created_by")
            .values(SQLBind(admdvs), SQLBind(IDGenerator.shared.next()), SQLBind(employerID), SQLBind(psnNo), SQLBind(change.rawValue),
                    SQLBind(month), SQLBind(Clock.nowMillis()), SQLBind(actor.name))
            .run()
        try await AuditTrail.append(actor.event(action: "employer.roster.\(change.rawValue)", target: "employer:\(employerID)",
                                                after: "psn_no=\(psnNo) month=\(month)"), in: db)
    }

    /// (employer id, psn_no) of everyone on a roster of the region in `month`, ordered by person (one query).
    public static func roster(admdvs: String, month: String, employerID: Int64? = nil,
                              in db: any SQLDatabase) async throws -> [(employerID: Int64, psnNo: Int64)] {
        var query = db.select().columns("employer_id", "psn_no", "kind").from("employer_roster_events")
            .where("admdvs", .equal, admdvs).where("effective_month", .lessThanOrEqual, month)
        if let employerID { query = query.where("employer_id", .equal, employerID) }
        let rows = try await query.orderBy("employer_id").orderBy("psn_no").orderBy("effective_month").orderBy("id").all()
        var latest: [Int64: [Int64: String]] = [:]
        for row in rows {
            latest[try row.decode(column: "employer_id", as: Int64.self), default: [:]][try row.decode(column: "psn_no", as: Int64.self)] =
                try row.decode(column: "kind", as: String.self)
        }
        return latest.flatMap { employer, people in people.filter { $0.value == RosterChange.hire.rawValue }.map { (employer, $0.key) } }
            .sorted { ($0.psnNo, $0.employerID) < ($1.psnNo, $1.employerID) }
    }
}

extension EmployerRecord {
    init(row: any SQLRow) throws {
        self.init(admdvs: try row.decode(column: "admdvs", as: String.self), id: try row.decode(column: "id", as: Int64.self),
                  creditCode: try row.decode(column: "credit_code", as: String.self), name: try row.decode(column: "name", as: String.self),
                  kind: try row.decode(column: "kind", as: String.self), contact: try row.decode(column: "contact", as: String.self))
    }
}
