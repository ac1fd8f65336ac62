import SQLKit
import YibaoCore

public struct InstitutionRepository: Sendable {
    public let database: any Database
    /// Institutions found by code, for `find(_:)`: every HIS request looks its institution up, and the
    /// row is written once and never changed (its status and designations live in tables of their own,
    /// read where they matter). The lifetime is a guard for when that changes; codes not found are not
    /// kept, so an institution created a moment ago is found at once.
    private let found: ExpiringCache<String, InstitutionRecord>

    public init(database: any Database, keepFoundFor lifetime: Duration = .seconds(10)) {
        self.database = database
        found = ExpiringCache(lifetime: lifetime)
    }

    public static let kinds = ["hospital", "pharmacy", "clinic"]
    public static let grades = ["1", "2", "3", "3B", "3A", "none"]

    public func create(_ institution: InstitutionRecord, by actor: AuditActor, in db: any SQLDatabase) async throws {
        guard !institution.code.isEmpty, institution.code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw DomainError(code: "INSTITUTION_CODE", message: "定点机构编码须为字母和数字：“\(institution.code)”",
                              messageEn: "institution code must be letters and digits", path: "fixmedins_code")
        }
        guard Self.kinds.contains(institution.kind) else {
            throw DomainError(code: "INSTITUTION_KIND", message: "机构类型须为 \(Self.kinds.joined(separator: "/"))",
                              messageEn: "kind must be one of \(Self.kinds.joined(separator: ", "))", path: "fixmedins_type")
        }
        guard Self.grades.contains(institution.grade) else {
            throw DomainError(code: "INSTITUTION_GRADE", message: "医院等级须为 \(Self.grades.joined(separator: "/"))",
                              messageEn: "grade must be one of \(Self.grades.joined(separator: ", "))", path: "hosp_lv")
        }
        if try await Self.find(institution.code, in: db) != nil {
            throw DomainError(.conflict, code: "INSTITUTION_EXISTS", message: "定点机构已存在：\(institution.code)",
                              messageEn: "institution \(institution.code) already exists", path: "fixmedins_code")
        }
        try await db.insert(into: "institutions").columns("admdvs", "fixmedins_code", "name", "kind", "grade", "created_at")
            .values(SQLBind(institution.admdvs), SQLBind(institution.code), SQLBind(institution.name), SQLBind(institution.kind),
                    SQLBind(institution.grade), SQLBind(Clock.nowMillis()))
            .run()
        try await AuditTrail.append(actor.event(action: "institution.create", target: "institution:\(institution.code)",
                                                after: institution.name), in: db)
    }

    /// The institution `code` on the caller's connection (always read).
    public static func find(_ code: String, in db: any SQLDatabase) async throws -> InstitutionRecord? {
        try await db.first(Self.byCode, code).map(InstitutionRecord.init(row:))
    }
    static let byCode = StaticSQL("SELECT * FROM institutions WHERE fixmedins_code = $1 LIMIT 1")

    /// The institution `code`, kept for a while once found (see `found`); inside a transaction use
    /// `find(_:in:)`, which always reads.
    public func find(_ code: String) async throws -> InstitutionRecord? {
        if let known = found.value(for: code) { return known }
        let record = try await database.read { db in try await Self.find(code, in: db) }
        if let record { found.store(record, for: code) }
        return record
    }

    /// The institution `code` as `find(_:)` gives it, or `INSTITUTION_NOT_FOUND` (path `fixmedins_code`).
    public func require(_ code: String) async throws -> InstitutionRecord {
        guard let record = try await find(code) else { throw Self.notFound(code) }
        return record
    }

    /// The same on the caller's connection (always read).
    public static func require(_ code: String, in db: any SQLDatabase) async throws -> InstitutionRecord {
        guard let record = try await find(code, in: db) else { throw notFound(code) }
        return record
    }

    static func notFound(_ code: String) -> DomainError {
        DomainError(.notFound, code: "INSTITUTION_NOT_FOUND", message: "定点机构不存在：\(code)",
                    messageEn: "institution \(code) does not exist", path: "fixmedins_code")
    }

    public func list(region: String) async throws -> [InstitutionRecord] {
        try await database.read { db in
            try await db.select().column("*").from("institutions").where("admdvs", .equal, region)
                .orderBy("fixmedins_code").all().map(InstitutionRecord.init(row:))
        }
    }
}

extension InstitutionRecord {
    init(row: any SQLRow) throws {
        self.init(admdvs: try row.decode(column: "admdvs", as: String.self),
                  code: try row.decode(column: "fixmedins_code", as: String.self),
                  name: try row.decode(column: "name", as: String.self),
                  kind: try row.decode(column: "kind", as: String.self),
                  grade: try row.decode(column: "grade", as: String.self))
    }
}
