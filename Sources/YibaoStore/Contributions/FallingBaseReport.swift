import SQLKit
import YibaoCore

/// The audit report of employers whose declared base fell from one year to the next while their headcount
/// or their reported wage total rose (`DeclarationTrend`). Headcount is the roster in the policy's
/// declaration month (`base.declaration_month`) of each year; the base, the sum of the bases the employer
/// declared for the year (before floor and cap: what the employer said); the wage total, what the
/// employer reported (`recordWageTotal`). Five queries whatever the number of employers.
public enum FallingBaseReport {
    public struct Row: Sendable, Equatable {
        public var employer: EmployerRecord
        public var trend: DeclarationTrend
        public var reasons: [DeclarationTrend.Reason]
    }

    /// Records the wage total an employer reported for `year` (one per year).
    public static func recordWageTotal(admdvs: String, employerID: Int64, year: Int, total: Money, by actor: AuditActor,
                                       in db: any SQLDatabase) async throws {
        guard !total.isNegative else {
            throw DomainError(code: "WAGE_TOTAL", message: "工资总额不能为负", messageEn: "the wage total must not be negative", path: "wage_total")
        }
        guard try await EmployerRepository.find(admdvs: admdvs, id: employerID, in: db) != nil else {
            throw DomainError(.notFound, code: "EMPLOYER_NOT_FOUND", message: "本统筹区没有该参保单位", messageEn: "no such employer in the region",
                              path: "employer_id")
        }
        let rows = try await db.raw("""
            INSERT INTO employer_wage_totals (admdvs, employer_id, year, wage_total_fen, recorded_at, recorded_by)
            VALUES (\(bind: admdvs), \(bind: employerID), \(bind: year), \(bind: total.fen), \(bind: Clock.nowMillis()), \(bind: actor.name))
            ON CONFLICT (admdvs, employer_id, year) DO NOTHING
            RETURNING employer_id
            """).all()
        guard !rows.isEmpty else {
            throw DomainError(.conflict, code: "WAGE_TOTAL_RECORDED", message: "该单位 \(year) 年工资总额已申报",
                              messageEn: "the employer's \(year) wage total is already recorded", path: "year")
        }
        try await AuditTrail.append(actor.event(action: "employer.wage_total", target: "employer:\(employerID)",
                                                after: "year=\(year) total=\(total)"), in: db)
    }

    /// Employers of the region flagged for `year` (compared with `year` − 1), by name.
    public static func compute(region: String, year: Int, declarationMonth: Int, in db: any SQLDatabase) async throws -> [Row] {
        let bases = try await db.raw("""
            SELECT employer_id, year, CAST(SUM(declared_fen) AS BIGINT) AS total FROM contribution_bases
            WHERE admdvs = \(bind: region) AND employer_id <> 0 AND year IN (\(bind: year - 1), \(bind: year))
            GROUP BY employer_id, year
            """).all()
        var declared: [Int64: [Int: Money]] = [:]
        for row in bases {
            declared[try row.decode(column: "employer_id", as: Int64.self), default: [:]][try row.decode(column: "year", as: Int.self)] =
                Money(fen: try row.decode(column: "total", as: Int64.self))
        }
        var wages: [Int64: [Int: Money]] = [:]
        for row in try await db.select().columns("employer_id", "year", "wage_total_fen").from("employer_wage_totals")
            .where("admdvs", .equal, region).where("year", .in, [year - 1, year]).all() {
            wages[try row.decode(column: "employer_id", as: Int64.self), default: [:]][try row.decode(column: "year", as: Int.self)] =
                Money(fen: try row.decode(column: "wage_total_fen", as: Int64.self))
        }
        var headcount: [Int: [Int64: Int]] = [:]
        for y in [year - 1, year] {
            let month = BillingMonth(year: y, month: declarationMonth).description
            for member in try await EmployerRepository.roster(admdvs: region, month: month, in: db) {
                headcount[y, default: [:]][member.employerID, default: 0] += 1
            }
        }
        return try await EmployerRepository.list(admdvs: region, in: db).compactMap { employer -> Row? in
            guard let before = declared[employer.id]?[year - 1], let now = declared[employer.id]?[year] else { return nil }
            let trend = DeclarationTrend(
                previous: .init(declaredBase: before, headcount: headcount[year - 1]?[employer.id] ?? 0, wageTotal: wages[employer.id]?[year - 1]),
                current: .init(declaredBase: now, headcount: headcount[year]?[employer.id] ?? 0, wageTotal: wages[employer.id]?[year]))
            let reasons = trend.reasons
            return reasons.isEmpty ? nil : Row(employer: employer, trend: trend, reasons: reasons)
        }
    }
}
