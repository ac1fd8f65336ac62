import SQLKit
import YibaoCore

/// Designation status (定点资格) of an institution from a date: active, suspended or terminated.
public struct DesignationStatus: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable, CaseIterable { case active, suspended, terminated }
    public var status: Status
    public var begndate: LocalDate
    public var reason: String

    public init(status: Status, begndate: LocalDate, reason: String = "") {
        self.status = status
        self.begndate = begndate
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey { case status, begndate, reason }

    /// `reason` may be left out.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        status = try c.decode(Status.self, forKey: .status)
        begndate = try c.decode(LocalDate.self, forKey: .begndate)
        reason = try c.decodeIfPresent(String.self, forKey: .reason) ?? ""
    }
}

/// One line of an institution's declared list (对照): its own code mapped to a catalogue code.
public struct DeclaredItem: Sendable, Equatable, Codable {
    public var medinsCode: String
    public var code: String
    public var begndate: LocalDate
    public var enddate: LocalDate?

    public init(medinsCode: String, code: String, begndate: LocalDate, enddate: LocalDate? = nil) {
        self.medinsCode = medinsCode
        self.code = code
        self.begndate = begndate
        self.enddate = enddate
    }

    enum CodingKeys: String, CodingKey { case medinsCode = "medins_list_codg", code = "med_list_codg", begndate, enddate }

    public func isValid(on date: LocalDate) -> Bool { begndate <= date && enddate.map { date <= $0 } ?? true }
}

/// Designation status history and declared lists. Settlement honours both: an institution suspended or
/// terminated on the encounter date gets no fund payment, an undeclared item is fully self-paid.
public struct InstitutionDesignationRepository: Sendable {
    public let database: any Database
    public init(database: any Database) { self.database = database }

    public func setStatus(_ code: String, _ status: DesignationStatus, by actor: AuditActor, in db: any SQLDatabase) async throws {
        let institution = try await InstitutionRepository.require(code, in: db)
        try await db.delete(from: "institution_status").where("admdvs", .equal, institution.admdvs)
            .where("fixmedins_code", .equal, code).where("begndate", .equal, status.begndate.description).run()
        try await db.insert(into: "institution_status")
            .columns("admdvs", "fixmedins_code", "begndate", "status", "reason", "created_at", "created_by")
            .values(SQLBind(institution.admdvs), SQLBind(code), SQLBind(status.begndate.description), SQLBind(status.status.rawValue),
                    SQLBind(status.reason), SQLBind(Clock.nowMillis()), SQLBind(actor.name))
            .run()
        try await AuditTrail.append(AuditEvent(region: institution.admdvs, actor: actor.name, role: actor.role, action: "institution.status",
                                               target: "institution:\(code)",
                                               after: "\(status.status.rawValue) from \(status.begndate) \(status.reason)"), in: db)
    }

    private static let historyOf = StaticSQL(
        "SELECT status, begndate, reason FROM institution_status WHERE fixmedins_code = $1 ORDER BY begndate")

    /// The whole status history, oldest first.
    public static func history(_ code: String, in db: any SQLDatabase) async throws -> [DesignationStatus] {
        try await db.rows(historyOf, code).map { row in
                DesignationStatus(status: DesignationStatus.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .terminated,
                                  begndate: try LocalDate.parse(try row.decode(column: "begndate", as: String.self)),
                                  reason: try row.decode(column: "reason", as: String.self))
            }
    }

    public func history(_ code: String) async throws -> [DesignationStatus] {
        try await database.read { db in try await Self.history(code, in: db) }
    }

    /// The status on `date`: the latest change on or before it; active when none (registered = designated).
    public static func status(of history: [DesignationStatus], on date: LocalDate) -> DesignationStatus.Status {
        history.last { $0.begndate <= date }?.status ?? .active
    }

    /// Adds or replaces declared lines (by the institution's own code).
    public func declare(_ code: String, items: [DeclaredItem], by actor: AuditActor, in db: any SQLDatabase) async throws {
        let institution = try await InstitutionRepository.require(code, in: db)
        guard !items.isEmpty else {
            throw DomainError(code: "DECLARED_EMPTY", message: "申报清单为空", messageEn: "no items to declare", path: "items")
        }
        let known = Set(try await db.select().column("med_list_codg").from("catalogue_items")
            .where("admdvs", .equal, institution.admdvs)
            .where("med_list_codg", .in, SQLBind.group(Array(Set(items.map(\.code))))).all()
            .map { try $0.decode(column: "med_list_codg", as: String.self) })
        for (i, item) in items.enumerated() {
            guard !item.medinsCode.isEmpty, !item.code.isEmpty else {
                throw DomainError(code: "DECLARED_CODE_EMPTY", message: "机构编码和医保目录编码都不能为空",
                                  messageEn: "medins_list_codg and med_list_codg must not be empty", path: "items[\(i)]")
            }
            guard known.contains(item.code) else {
                throw DomainError(.notFound, code: "CATALOGUE_CODE_UNKNOWN", message: "医保目录编码 \(item.code) 不在统筹区 \(institution.admdvs) 的目录中",
                                  messageEn: "med_list_codg \(item.code) is not in the catalogue of region \(institution.admdvs)",
                                  path: "items[\(i)].med_list_codg")
            }
            try await db.raw("""
                INSERT INTO institution_declared_items (admdvs, fixmedins_code, medins_list_codg, med_list_codg, begndate, enddate, updated_at)
                VALUES (\(bind: institution.admdvs), \(bind: code), \(bind: item.medinsCode), \(bind: item.code),
                    \(bind: item.begndate.description), \(bind: item.enddate?.description), \(bind: Clock.nowMillis()))
                ON CONFLICT (admdvs, fixmedins_code, medins_list_codg) DO UPDATE SET med_list_codg = excluded.med_list_codg,
                    begndate = excluded.begndate, enddate = excluded.enddate, updated_at = excluded.updated_at
                """).run()
        }
        try await AuditTrail.append(AuditEvent(region: institution.admdvs, actor: actor.name, role: actor.role, action: "catalogue.declare",
                                               target: "institution:\(code)", after: "items=\(items.count)"), in: db)
    }

    public func declared(_ code: String) async throws -> [DeclaredItem] {
        try await database.read { db in
            try await db.select().column("*").from("institution_declared_items").where("fixmedins_code", .equal, code)
                .orderBy("medins_list_codg").all().map(DeclaredItem.init(row:))
        }
    }

    /// The declared lines of `codes` (catalogue codes) in one query.
    public static func declared(_ institution: String, codes: [String], in db: any SQLDatabase) async throws -> [DeclaredItem] {
        guard !codes.isEmpty else { return [] }
        let distinct = Array(Set(codes))
        return try await db.rows(.list("SELECT * FROM institution_declared_items WHERE fixmedins_code = $1 AND med_list_codg",
                                       fixed: 1, count: distinct.count), values: [institution] + distinct).map(DeclaredItem.init(row:))
    }
}

extension DeclaredItem {
    init(row: any SQLRow) throws {
        self.init(medinsCode: try row.decode(column: "medins_list_codg", as: String.self),
                  code: try row.decode(column: "med_list_codg", as: String.self),
                  begndate: try LocalDate.parse(try row.decode(column: "begndate", as: String.self)),
                  enddate: try row.decode(column: "enddate", as: String?.self).map { try LocalDate.parse($0) })
    }
}
