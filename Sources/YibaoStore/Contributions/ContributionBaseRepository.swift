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

    /// The employer's annual declaration (单位年度申报) for its employees, all or nothing: each person must be
    /// on its roster in some month of `year`, is declared once, and is locked by the employee scheme's
    /// policy in force on 1 January of `year` against that year's W. A refusal names `bases[i]`.
    public static func declare(employer: EmployerRecord, year: Int, bases: [(psnNo: Int64, declared: Money)], by actor: AuditActor,
                               in db: any SQLDatabase) async throws -> [ContributionBase] {
        guard (1990...2200).contains(year) else {
            throw DomainError(code: "YEAR_INVALID", message: "缴费年度无效：\(year)", messageEn: "invalid contribution year \(year)", path: "year")
        }
        guard !bases.isEmpty else {
            throw DomainError(code: "BASES_REQUIRED", message: "请列出要申报的职工及其缴费基数", messageEn: "list the employees and their bases",
                              path: "bases")
        }
        let region = employer.admdvs
        guard let policy = try await PolicyRepository.inForce(region: region, insutype: Insutype.employeeBasic.rawValue,
                                                              on: LocalDate(year: year, month: 1, day: 1)!, in: db)?.section(ContributionPolicy.self),
              policy.base != nil else {
            // Xiamen's bases are fractions of W: nothing is declared there.
            throw DomainError(.notFound, code: "BASE_RULE_MISSING", message: "统筹区 \(region) 在 \(year) 年没有缴费基数申报规则",
                              messageEn: "region \(region) has no declared-base rule in force in \(year)", path: "year")
        }
        guard let wage = try await RegionRepository.averageWage(region: region, year: year, in: db) else {
            throw SettlementError.wageMissing(region, year).at("year")
        }
        let members = Set(try await EmployerRepository.roster(admdvs: region, month: "\(year)-01", through: "\(year)-12",
                                                               employerID: employer.id, in: db).map(\.psnNo))
        var locked: [ContributionBase] = []
        for (index, entry) in bases.enumerated() {
            do {
                guard members.contains(entry.psnNo) else {
                    throw DomainError(.conflict, code: "BASE_NOT_ON_ROSTER", message: "参保人 \(entry.psnNo) \(year) 年不在本单位参保名单中",
                                      messageEn: "person \(entry.psnNo) is not on this employer's roster in \(year)", path: "psn_no")
                }
                guard !bases[..<index].contains(where: { $0.psnNo == entry.psnNo }) else {
                    throw DomainError(code: "BASE_REPEATED", message: "参保人 \(entry.psnNo) 重复申报", messageEn: "person \(entry.psnNo) is listed twice",
                                      path: "psn_no")
                }
                locked.append(try await declare(admdvs: region, employerID: employer.id, psnNo: entry.psnNo, year: year, declared: entry.declared,
                                                averageWage: wage, policy: policy, by: actor, in: db))
            } catch let error as DomainError {
                throw error.at("bases[\(index)]")
            }
        }
        return locked
    }

    /// The bases the employer locked for `year`, by person.
    public static func bases(admdvs: String, employerID: Int64, year: Int, in db: any SQLDatabase) async throws -> [(psnNo: Int64, base: ContributionBase)] {
        try await db.select().columns("psn_no", "declared_fen", "base_fen", "adjustment").from("contribution_bases")
            .where("admdvs", .equal, admdvs).where("employer_id", .equal, employerID).where("year", .equal, year).orderBy("psn_no").all()
            .map { row in (try row.decode(column: "psn_no", as: Int64.self), try base(row)) }
    }

    /// Locked bases of `year` for the given people, keyed by (employer id, psn_no) (one query).
    public static func bases(admdvs: String, year: Int, psnNos: [Int64],
                             in db: any SQLDatabase) async throws -> [Int64: [Int64: ContributionBase]] {
        guard !psnNos.isEmpty else { return [:] }
        let rows = try await db.select().columns("employer_id", "psn_no", "declared_fen", "base_fen", "adjustment").from("contribution_bases")
            .where("admdvs", .equal, admdvs).where("year", .equal, year).where("psn_no", .in, psnNos).all()
        var result: [Int64: [Int64: ContributionBase]] = [:]
        for row in rows {
            result[try row.decode(column: "employer_id", as: Int64.self), default: [:]][try row.decode(column: "psn_no", as: Int64.self)] = try base(row)
        }
        return result
    }

    private static func base(_ row: any SQLRow) throws -> ContributionBase {
        ContributionBase(declared: Money(fen: try row.decode(column: "declared_fen", as: Int64.self)),
                         amount: Money(fen: try row.decode(column: "base_fen", as: Int64.self)),
                         adjustment: .init(rawValue: try row.decode(column: "adjustment", as: String.self)) ?? .none)
    }

    /// People who pay alone (employer 0) with a base locked for `year`.
    public static func individualPayers(admdvs: String, year: Int, in db: any SQLDatabase) async throws -> [Int64] {
        try await db.select().column("psn_no").from("contribution_bases").where("admdvs", .equal, admdvs).where("year", .equal, year)
            .where("employer_id", .equal, 0).all().map { try $0.decode(column: "psn_no", as: Int64.self) }
    }
}
