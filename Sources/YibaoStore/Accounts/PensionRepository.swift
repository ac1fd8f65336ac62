import SQLKit
import YibaoCore

/// Retirees' monthly pensions per year (`pensions`): the basis of a crediting rule `of: pension`
/// (004 L17: retirees 6% of the pension). One figure per person and year; a second is refused, so a
/// year's credits never mix two bases.
public enum PensionRepository {
    public static func record(admdvs: String, psnNo: Int64, year: Int, monthly: Money, by actor: AuditActor,
                              in db: any SQLDatabase) async throws {
        guard monthly > .zero else {
            throw DomainError(code: "PENSION_AMOUNT", message: "月养老金必须大于零", messageEn: "the monthly pension must be positive", path: "monthly")
        }
        guard let person = try await PersonRepository.find(psnNo: psnNo, in: db), person.admdvs == admdvs else {
            throw DomainError(.notFound, code: "PERSON_NOT_FOUND", message: "本统筹区没有该参保人", messageEn: "no such person in the region", path: "psn_no")
        }
        guard person.category == .retiree else {
            throw DomainError(.conflict, code: "PENSION_NOT_RETIREE", message: "参保人 \(psnNo) 不是退休人员（\(person.category.rawValue)）",
                              messageEn: "person \(psnNo) is not a retiree (\(person.category.rawValue))", path: "psn_no")
        }
        let rows = try await db.raw("""
            INSERT INTO pensions (admdvs, psn_no, year, monthly_fen, recorded_at, recorded_by)
            VALUES (\(bind: admdvs), \(bind: psnNo), \(bind: year), \(bind: monthly.fen), \(bind: Clock.nowMillis()), \(bind: actor.name))
            ON CONFLICT (admdvs, psn_no, year) DO NOTHING
            RETURNING psn_no
            """).all()
        guard !rows.isEmpty else {
            throw DomainError(.conflict, code: "PENSION_RECORDED", message: "参保人 \(psnNo) 的 \(year) 年养老金已登记",
                              messageEn: "the \(year) pension of person \(psnNo) is already recorded", path: "year")
        }
        try await AuditTrail.append(actor.event(action: "account.pension", target: "person:\(psnNo)", after: "year=\(year) monthly=\(monthly)"),
                                    in: db)
    }

    /// The monthly pensions of `year`, by person (all of the region's when `psnNos` is nil).
    public static func pensions(admdvs: String, year: Int, psnNos: [Int64]? = nil, in db: any SQLDatabase) async throws -> [Int64: Money] {
        var query = db.select().columns("psn_no", "monthly_fen").from("pensions").where("admdvs", .equal, admdvs).where("year", .equal, year)
        if let psnNos { query = query.where("psn_no", .in, psnNos) }
        var out: [Int64: Money] = [:]
        for row in try await query.all() {
            out[try row.decode(column: "psn_no", as: Int64.self)] = Money(fen: try row.decode(column: "monthly_fen", as: Int64.self))
        }
        return out
    }
}
