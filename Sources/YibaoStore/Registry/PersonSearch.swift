import SQLKit
import YibaoCore

/// Finding a person the way a clerk asks: by `psn_no`, by full identity number, by the masked number a
/// list or letter shows (`350200********0011`: the known leading and trailing digits), or by a part of
/// the name. Only persons of `region` and the regions below it are returned, at most `limit`, by name.
public enum PersonSearch {
    public static let limit = 50

    public static func find(_ text: String, region: RegionCode, limit: Int = limit, in db: any SQLDatabase) async throws -> [PersonRecord] {
        let query = text.trimmingSpaces
        guard !query.isEmpty else { return [] }
        var select = db.select().column("*").from("persons").where("admdvs", .like, region.withinPrefix + "%")
        if query.contains("*") {
            // Leading and trailing digits of an 18-character number, whatever is masked between them.
            let head = String(query.prefix { $0 != "*" })
            let tail = String(query.reversed().prefix { $0 != "*" }.reversed()).uppercased()
            guard query.count == 18, (head + tail).allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "X") }) else { return [] }
            select = select.where("certno", .like, head + "%").where("certno", .like, "%" + tail)
        } else if query.count == 18, let number = try? IdentityNumber.parse(query) {
            select = select.where("certno", .equal, number.value)
        } else if query.allSatisfy({ $0.isASCII && $0.isNumber }), let psnNo = Int64(query) {
            select = select.where("psn_no", .equal, psnNo)
        } else {
            select = select.where(SQLQueryString("name LIKE \(bind: LikePattern.containing(query)) ESCAPE '!'"))
        }
        return try await select.orderBy("name").orderBy("psn_no").limit(limit).all().map(PersonRecord.init(row:))
    }

    /// The persons of `admdvs` with these numbers (one query), in no particular order.
    public static func find(psnNos: [Int64], admdvs: String, in db: any SQLDatabase) async throws -> [PersonRecord] {
        guard !psnNos.isEmpty else { return [] }
        return try await db.select().column("*").from("persons").where("admdvs", .equal, admdvs).where("psn_no", .in, psnNos).all()
            .map(PersonRecord.init(row:))
    }
}
