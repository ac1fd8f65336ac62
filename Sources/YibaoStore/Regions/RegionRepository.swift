import SQLKit
import YibaoCore

/// Pooling regions and their yearly bases (the prior-year average wage W and the like).
public struct RegionRepository: Sendable {
    public let database: any Database
    public init(database: any Database) { self.database = database }

    public func create(_ region: RegionRecord, by actor: AuditActor, in db: any SQLDatabase) async throws {
        _ = try RegionCode.parse(region.admdvs)
        guard !region.name.isEmpty else {
            throw DomainError(code: "REGION_NAME_EMPTY", message: "统筹区名称不能为空", messageEn: "region name is empty", path: "name")
        }
        if try await db.select().column("admdvs").from("regions").where("admdvs", .equal, region.admdvs).first() != nil {
            throw DomainError(.conflict, code: "REGION_EXISTS", message: "统筹区已存在：\(region.admdvs)",
                              messageEn: "region \(region.admdvs) already exists", path: "admdvs")
        }
        if let parent = region.parent,
           try await db.select().column("admdvs").from("regions").where("admdvs", .equal, parent).first() == nil {
            throw DomainError(code: "REGION_PARENT_UNKNOWN", message: "上级统筹区不存在：\(parent)",
                              messageEn: "parent region \(parent) does not exist", path: "parent_admdvs")
        }
        try await db.insert(into: "regions").columns("admdvs", "name", "name_en", "parent_admdvs", "created_at")
            .values(SQLBind(region.admdvs), SQLBind(region.name), SQLBind(region.nameEn), SQLBind(region.parent), SQLBind(Clock.nowMillis()))
            .run()
        try await AuditTrail.append(actor.event(action: "region.create", target: "region:\(region.admdvs)", after: region.name), in: db)
    }

    public func all() async throws -> [RegionRecord] {
        try await database.read { db in
            try await db.select().column("*").from("regions").orderBy("admdvs").all().map(RegionRecord.init(row:))
        }
    }

    public func find(_ admdvs: String, in db: any SQLDatabase) async throws -> RegionRecord? {
        try await db.select().column("*").from("regions").where("admdvs", .equal, admdvs).first().map(RegionRecord.init(row:))
    }

    /// Sets (or replaces) a year's bases; the old values go to the audit trail.
    public func setParameters(region: String, year: Int, averageWage: Money, averagePension: Money?, minimumWage: Money?,
                              by actor: AuditActor, in db: any SQLDatabase) async throws {
        guard try await find(region, in: db) != nil else { throw Self.unknown(region) }
        guard averageWage.fen > 0 else {
            throw DomainError(code: "AVG_WAGE_INVALID", message: "社平工资必须大于零", messageEn: "average wage must be positive", path: "avg_wage")
        }
        let old = try await db.select().column("avg_wage_fen").from("region_parameters")
            .where("admdvs", .equal, region).where("year", .equal, year).first()
        let before = try old.map { "avg_wage=\(Money(fen: try $0.decode(column: "avg_wage_fen", as: Int64.self)))" } ?? ""
        if old != nil {
            try await db.delete(from: "region_parameters").where("admdvs", .equal, region).where("year", .equal, year).run()
        }
        try await db.insert(into: "region_parameters")
            .columns("admdvs", "year", "avg_wage_fen", "avg_pension_fen", "min_wage_fen")
            .values(SQLBind(region), SQLBind(year), SQLBind(averageWage.fen), SQLBind(averagePension?.fen), SQLBind(minimumWage?.fen))
            .run()
        try await AuditTrail.append(actor.event(action: "region.parameters", target: "region:\(region):\(year)",
                                                before: before, after: "avg_wage=\(averageWage)"), in: db)
    }

    /// W for a year, if the agency has published it.
    public func averageWage(region: String, year: Int) async throws -> Money? {
        try await database.read { db in try await Self.averageWage(region: region, year: year, in: db) }
    }

    public static func averageWage(region: String, year: Int, in db: any SQLDatabase) async throws -> Money? {
        try await db.first(wageOf, region, year).map { Money(fen: try $0.decode(column: "avg_wage_fen", as: Int64.self)) }
    }
    private static let wageOf = StaticSQL("SELECT avg_wage_fen FROM region_parameters WHERE admdvs = $1 AND year = $2")

    static func unknown(_ region: String) -> DomainError {
        DomainError(.notFound, code: "REGION_NOT_FOUND", message: "统筹区不存在：\(region)",
                    messageEn: "region \(region) does not exist", path: "admdvs")
    }
}

extension RegionRecord {
    init(row: any SQLRow) throws {
        self.init(admdvs: try row.decode(column: "admdvs", as: String.self),
                  name: try row.decode(column: "name", as: String.self),
                  nameEn: try row.decode(column: "name_en", as: String.self),
                  parent: try row.decode(column: "parent_admdvs", as: String?.self))
    }
}
