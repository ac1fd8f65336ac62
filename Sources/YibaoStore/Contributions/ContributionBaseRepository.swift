import SQLKit
import YibaoCore

/// The annual base declaration (缴费基数申报): locked once per (employer, person, year) through
/// `ContributionBase.lock`, with the adjustment and its reason kept. A second declaration for the same
/// year is refused: the base is locked for the year.
public enum ContributionBaseRepository {
    @discardableResult
    public static func declare(admdvs: String, employerID: Int64, psnNo: Int64, year: Int, declared: Money, averageWage: Money,
                               policy: ContributionPolicy, by actor: AuditActor, in db: any SQLDatabase) async throws -> ContributionBase {
        let base = try ContributionBase.lock(declared: declared, averageWage: averageWage, policy: policy)
        let existing = try await db.select().column("base_fen").from("contribution_bases").where("admdvs", .equal, admdvs)
            .where("employer_id", .equal, employerID).where("psn_no", .equal, psnNo).where("year", .equal, year).first()
        guard existing == nil else {
            throw DomainError(.conflict, code: "CONTRIBUTION_BASE_LOCKED", message: "参保人 \(psnNo) 的 \(year) 年度缴费基数已核定，年度内不再调整",
                              messageEn: "the \(year) base of person \(psnNo) is locked for the year", path: "declared")
        }
        try await db.insert(into: "contribution_bases")
            .columns("admdvs", "employer_id", "psn_no", "year", "declared_fen", "base_fen", "adjustment", "reason", "locked_at", "locked_by")
            .values(SQLBind(admdvs), SQLBind(employerID), SQLBind(psnNo), SQLBind(year), SQLBind(declared.fen), SQLBind(base.amount.fen),
                    SQLBind(base.adjustment.rawValue), SQLBind(base.reason?.zh ?? ""), SQLBind(Clock.nowMillis()), SQLBind(actor.name))
            .run()
        try await AuditTrail.append(actor.event(action: "contribution.base.lock", target: "person:\(psnNo)",
                                                after: "year=\(year) declared=\(declared) base=\(base.amount) \(base.adjustment.rawValue)"), in: db)
        return base
    }

    /// Locked bases of `year` for the given people, keyed by (employer id, psn_no) (one query).
    public static func bases(admdvs: String, year: Int, psnNos: [Int64],
                             in db: any SQLDatabase) async throws -> [Int64: [Int64: ContributionBase]] {
        guard !psnNos.isEmpty else { return [:] }
        let rows = try await db.select().columns("employer_id", "psn_no", "declared_fen", "base_fen", "adjustment").from("contribution_bases")
            .where("admdvs", .equal, admdvs).where("year", .equal, year).where("psn_no", .in, psnNos).all()
        var result: [Int64: [Int64: ContributionBase]] = [:]
        for row in rows {
            let base = ContributionBase(declared: Money(fen: try row.decode(column: "declared_fen", as: Int64.self)),
                                        amount: Money(fen: try row.decode(column: "base_fen", as: Int64.self)),
                                        adjustment: .init(rawValue: try row.decode(column: "adjustment", as: String.self)) ?? .none)
            result[try row.decode(column: "employer_id", as: Int64.self), default: [:]][try row.decode(column: "psn_no", as: Int64.self)] = base
        }
        return result
    }

    /// People who pay alone (employer 0) with a base locked for `year`.
    public static func individualPayers(admdvs: String, year: Int, in db: any SQLDatabase) async throws -> [Int64] {
        try await db.select().column("psn_no").from("contribution_bases").where("admdvs", .equal, admdvs).where("year", .equal, year)
            .where("employer_id", .equal, 0).all().map { try $0.decode(column: "psn_no", as: Int64.self) }
    }
}
