import SQLKit
import YibaoCore

/// The catalogue per region and scheme. Settlement reads it with one `IN` query per bill (`items(codes:)`),
/// never one query per fee line.
public struct CatalogueRepository: Sendable {
    public let database: any Database
    public init(database: any Database) { self.database = database }

    /// What an import did: the line-by-line errors, and how many items were written.
    public struct ImportReport: Sendable, Codable, Equatable {
        public var imported: Int
        public var skipped: Int
        public var errors: [CatalogueCSV.LineError]
    }

    /// Imports a CSV file. A file with errors imports nothing unless `skipInvalid`, which imports the
    /// valid lines and reports the others; either way every error is reported.
    public func importCSV(_ text: String, region: String, skipInvalid: Bool, by actor: AuditActor) async throws -> ImportReport {
        let parsed = CatalogueCSV.parse(text, region: region)
        let report = ImportReport(imported: parsed.errors.isEmpty || skipInvalid ? parsed.items.count : 0,
                                  skipped: Set(parsed.errors.map(\.line)).count, errors: parsed.errors)
        guard report.imported > 0 else { return report }
        try await database.write { db in
            guard try await db.select().column("admdvs").from("regions").where("admdvs", .equal, region).first() != nil else {
                throw DomainError(.notFound, code: "REGION_NOT_FOUND", message: "统筹区不存在：\(region)",
                                  messageEn: "region \(region) does not exist", path: "admdvs")
            }
            for item in parsed.items { try await upsert(item, in: db) }
            try await AuditTrail.append(AuditEvent(region: region, actor: actor.name, role: actor.role, action: "catalogue.import",
                                                   target: "catalogue:\(region)",
                                                   after: "imported=\(report.imported) skipped=\(report.skipped)"), in: db)
        }
        return report
    }

    /// Writes one item, replacing the same (region, code, insutype).
    public func upsert(_ item: CatalogueItem, in db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO catalogue_items (admdvs, med_list_codg, insutype, name, kind, chrgitm_lv, pric_uplmt_fen, lmt_sex,
                lmt_age_min, lmt_age_max, lmt_indication, min_hosp_lv, begndate, enddate, updated_at)
            VALUES (\(bind: item.admdvs), \(bind: item.code), \(bind: item.insutype), \(bind: item.name), \(bind: item.kind.rawValue),
                \(bind: item.listClass.chrgitmLv), \(bind: item.priceCeiling?.fen), \(bind: item.sex?.rawValue), \(bind: item.minAge),
                \(bind: item.maxAge), \(bind: item.indication), \(bind: item.minGrade), \(bind: item.begndate.description),
                \(bind: item.enddate?.description), \(bind: Clock.nowMillis()))
            ON CONFLICT (admdvs, med_list_codg, insutype) DO UPDATE SET name = excluded.name, kind = excluded.kind,
                chrgitm_lv = excluded.chrgitm_lv, pric_uplmt_fen = excluded.pric_uplmt_fen, lmt_sex = excluded.lmt_sex,
                lmt_age_min = excluded.lmt_age_min, lmt_age_max = excluded.lmt_age_max, lmt_indication = excluded.lmt_indication,
                min_hosp_lv = excluded.min_hosp_lv, begndate = excluded.begndate, enddate = excluded.enddate,
                updated_at = excluded.updated_at
            """).run()
    }

    /// Items of a region, optionally of one scheme and matching `query` in code or name.
    public func list(region: String, insutype: String?, query: String?, limit: Int = 200) async throws -> [CatalogueItem] {
        try await database.read { db in
            var select = db.select().column("*").from("catalogue_items").where("admdvs", .equal, region)
            if let insutype { select = select.where("insutype", .equal, insutype) }
            if let query, !query.isEmpty {
                let pattern = "%" + query.replacingAll("%", with: "").replacingAll("_", with: "") + "%"
                select = select.where { group in
                    group.where("med_list_codg", .like, pattern).orWhere("name", .like, pattern)
                }
            }
            return try await select.orderBy("med_list_codg").orderBy("insutype").limit(max(1, min(limit, 1000)))
                .all().map(CatalogueItem.init(row:))
        }
    }

    /// The items for `codes` in one query, by code.
    public static func items(codes: [String], region: String, insutype: String, in db: any SQLDatabase) async throws -> [String: CatalogueItem] {
        guard !codes.isEmpty else { return [:] }
        let distinct = Array(Set(codes))
        let rows = try await db.rows(.list("SELECT * FROM catalogue_items WHERE admdvs = $1 AND insutype = $2 AND med_list_codg",
                                           fixed: 2, count: distinct.count), values: [region, insutype] + distinct)
        var out: [String: CatalogueItem] = [:]
        for row in rows {
            let item = try CatalogueItem(row: row)
            out[item.code] = item
        }
        return out
    }
}

extension CatalogueItem {
    init(row: any SQLRow) throws {
        let lv = try row.decode(column: "chrgitm_lv", as: String.self)
        self.init(admdvs: try row.decode(column: "admdvs", as: String.self),
                  code: try row.decode(column: "med_list_codg", as: String.self),
                  insutype: try row.decode(column: "insutype", as: String.self),
                  name: try row.decode(column: "name", as: String.self),
                  kind: CatalogueItem.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .service,
                  listClass: ListClass(rawValue: lv) ?? .classC,
                  priceCeiling: try row.decode(column: "pric_uplmt_fen", as: Int64?.self).map(Money.init(fen:)),
                  sex: try row.decode(column: "lmt_sex", as: String?.self).flatMap(Sex.init(rawValue:)),
                  minAge: try row.decode(column: "lmt_age_min", as: Int?.self),
                  maxAge: try row.decode(column: "lmt_age_max", as: Int?.self),
                  indication: try row.decode(column: "lmt_indication", as: String.self),
                  minGrade: try row.decode(column: "min_hosp_lv", as: String?.self),
                  begndate: try LocalDate.parse(try row.decode(column: "begndate", as: String.self)),
                  enddate: try row.decode(column: "enddate", as: String?.self).map { try LocalDate.parse($0) })
    }
}
