import SQLKit
import YibaoCore

/// Employers and their rosters. Roster changes (增员 hire / 减员 leave) take effect from the first day
/// of a month; a person is on the roster in month M when their latest change effective in or before M
/// is a hire.
public enum EmployerRepository {
    public enum RosterChange: String, Sendable, Codable { case hire, leave }

    /// One recorded hire or leave, as the employer declared it (or a clerk for it).
    public struct RosterEvent: Sendable, Equatable {
        public var kind: RosterChange
        public var psnNo: Int64
        public var month: String
        public var recordedBy: String
    }

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

    /// Why `change` cannot be made effective in `month` for a person who is (`onRoster`) or is not on the
    /// employer's roster then: a hire of someone already on it, a leave of someone not on it.
    static func refusal(_ change: RosterChange, onRoster: Bool, month: String) -> (zh: String, en: String)? {
        switch (change, onRoster) {
        case (.hire, true): ("该参保人 \(month) 已在本单位参保名单中，不能重复增员", "the person is already on this employer's roster in \(month)")
        case (.leave, false): ("该参保人 \(month) 不在本单位参保名单中，不能减员", "the person is not on this employer's roster in \(month)")
        default: nil
        }
    }

    /// Records one hire or leave after checking it against the stored roster (`refusal`); the person must be
    /// registered in the employer's region.
    public static func record(_ change: RosterChange, employer: EmployerRecord, psnNo: Int64, month: String,
                              by actor: AuditActor, in db: any SQLDatabase) async throws {
        let month = try BillingMonth.parse(month).description
        guard let person = try await PersonRepository.find(psnNo: psnNo, in: db), person.admdvs == employer.admdvs else {
            throw DomainError(.notFound, code: "PERSON_NOT_FOUND", message: "本统筹区没有该参保人", messageEn: "no such person in the region",
                              path: "psn_no")
        }
        let onRoster = try await !roster(admdvs: employer.admdvs, month: month, employerID: employer.id, psnNo: psnNo, in: db).isEmpty
        if let (zh, en) = refusal(change, onRoster: onRoster, month: month) {
            throw DomainError(.conflict, code: "ROSTER_CHANGE_REFUSED", message: zh, messageEn: en, path: "psn_no")
        }
        try await self.change(change, employerID: employer.id, psnNo: psnNo, month: month, admdvs: employer.admdvs, by: actor, in: db)
    }

    /// Records a hire or a leave effective from `month` (`YYYY-MM`), unchecked (the CSV import checks a
    /// whole file first).
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

    /// The employer's hires and leaves effective from `from` through `through` (`YYYY-MM`), in the order
    /// they take effect.
    public static func changes(_ employer: EmployerRecord, from: String, through: String, in db: any SQLDatabase) async throws -> [RosterEvent] {
        try await db.select().columns("kind", "psn_no", "effective_month", "created_by").from("employer_roster_events")
            .where("admdvs", .equal, employer.admdvs).where("employer_id", .equal, employer.id)
            .where("effective_month", .greaterThanOrEqual, from).where("effective_month", .lessThanOrEqual, through)
            .orderBy("effective_month").orderBy("id").all().map { row in
                RosterEvent(kind: RosterChange(rawValue: try row.decode(column: "kind", as: String.self)) ?? .leave,
                            psnNo: try row.decode(column: "psn_no", as: Int64.self), month: try row.decode(column: "effective_month", as: String.self),
                            recordedBy: try row.decode(column: "created_by", as: String.self))
            }
    }

    /// (employer id, psn_no) of everyone on a roster of the region in `month` — or, with `through`, in at
    /// least one month from `month` to `through` — ordered by person (one query). `employerID` and `psnNo`
    /// narrow it to one employer's roster, one person's employers.
    public static func roster(admdvs: String, month: String, through: String? = nil, employerID: Int64? = nil, psnNo: Int64? = nil,
                              in db: any SQLDatabase) async throws -> [(employerID: Int64, psnNo: Int64)] {
        let last = through ?? month
        var query = db.select().columns("employer_id", "psn_no", "kind", "effective_month").from("employer_roster_events")
            .where("admdvs", .equal, admdvs).where("effective_month", .lessThanOrEqual, last)
        if let employerID { query = query.where("employer_id", .equal, employerID) }
        if let psnNo { query = query.where("psn_no", .equal, psnNo) }
        let rows = try await query.orderBy("employer_id").orderBy("psn_no").orderBy("effective_month").orderBy("id").all()
        // On the roster at the start of the range (the latest change by then is a hire), or hired during it.
        var member: [Int64: [Int64: Bool]] = [:]
        for row in rows {
            let (employer, person) = (try row.decode(column: "employer_id", as: Int64.self), try row.decode(column: "psn_no", as: Int64.self))
            let hire = try row.decode(column: "kind", as: String.self) == RosterChange.hire.rawValue
            let during = try row.decode(column: "effective_month", as: String.self) > month
            member[employer, default: [:]][person] = during ? (member[employer]?[person] ?? false) || hire : hire
        }
        return member.flatMap { employer, people in people.filter(\.value).map { (employer, $0.key) } }
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
