import SQLKit
import YibaoCore

/// The resident annual premium batch (城乡居民年度缴费核定, Benxi 003 篇5 R2–R19): for every person whose
/// resident enrolment (390/391) is held at some time in contribution year Y, `ResidentPremium` gives the
/// personal part and the subsidy by the category of their age on 31 December of Y (students stay students)
/// and the statuses in force on the year's reference day — 1 January, or the enrolment day when they
/// enrolled during Y (R18: one category per insurance year, fixed on registration). The personal part is
/// billed (`contribution_bills`, employer 0, month `Y-01`) due on the policy's `resident.due` day, or on
/// the enrolment day when that is later; the subsidy is recorded with its city and county parts, the
/// county being the person's hukou district (R13).
///
/// Idempotent: `resident_premiums` is unique per (region, person, year) and is written first, so a second
/// run bills nothing. Each chunk of persons is one transaction.
public struct ResidentBillingRun: Sendable {
    public struct Summary: Sendable, Equatable, Codable {
        public var region: String
        public var year: Int
        /// Persons registered in a resident scheme in the region.
        public var considered = 0
        public var billed = 0
        public var alreadyBilled = 0
        /// Registered but not enrolled at any time in the year (terminated before it, or enrolled after it).
        public var notEnrolled = 0
        public var personalDue = Money.zero
        public var subsidy = Money.zero
        public var citySubsidy = Money.zero
        public var countySubsidy = Money.zero
        public var failures: [BillingRun.Failure] = []

        enum CodingKeys: String, CodingKey {
            case region, year, considered, billed, alreadyBilled = "already_billed", notEnrolled = "not_enrolled"
            case personalDue = "personal_due", subsidy, citySubsidy = "city_subsidy", countySubsidy = "county_subsidy", failures
        }
    }

    /// One stored premium (`resident_premiums`).
    public struct Premium: Sendable, Equatable {
        public var psnNo: Int64
        public var year: Int
        public var premium: ResidentPremium
        public var statuses: SpecialStatuses
        public var countyRegion: String
    }

    static let residentSchemes: Set<Insutype> = [.residentBasic, .urbanResidentBasic]

    public let database: any Database
    public var chunkSize: Int

    public init(database: any Database, chunkSize: Int = 500) {
        self.database = database
        self.chunkSize = chunkSize
    }

    public func run(region: String, year: Int, by actor: AuditActor) async throws -> Summary {
        let yearStart = LocalDate(year: year, month: 1, day: 1)!
        guard let rules = try await PolicyRepository(database: database).inForce(region: region, insutype: Insutype.residentBasic.rawValue,
                                                                                 on: yearStart)?.section(ContributionPolicy.self),
              let resident = rules.resident, !resident.due.isEmpty else {
            throw DomainError(.notFound, code: "RESIDENT_POLICY_MISSING",
                              message: "统筹区 \(region) 在 \(year) 年没有含缴费标准和缴费截止日（resident.due）的居民医保征缴政策",
                              messageEn: "no resident contributions policy with premiums and resident.due in force in \(region) for \(year)",
                              path: "year")
        }
        let psnNos = try await database.read { db in
            try await db.select().column("psn_no").from("persons").where("admdvs", .equal, region)
                .where("insutype", .in, Self.residentSchemes.map(\.rawValue)).orderBy("psn_no").all()
                .map { try $0.decode(column: "psn_no", as: Int64.self) }
        }
        var summary = Summary(region: region, year: year)
        summary.considered = psnNos.count
        var start = 0
        while start < psnNos.count {
            let chunk = Array(psnNos[start..<min(start + chunkSize, psnNos.count)])
            let part = try await database.write { db in
                try await Self.bill(chunk, region: region, year: year, policy: rules, in: db)
            }
            summary.billed += part.billed
            summary.alreadyBilled += part.alreadyBilled
            summary.notEnrolled += part.notEnrolled
            summary.personalDue = summary.personalDue + part.personalDue
            summary.subsidy = summary.subsidy + part.subsidy
            summary.citySubsidy = summary.citySubsidy + part.citySubsidy
            summary.countySubsidy = summary.countySubsidy + part.countySubsidy
            summary.failures += part.failures
            start += chunk.count
        }
        if summary.billed > 0 {
            let note = "year=\(year) billed=\(summary.billed) personal=\(summary.personalDue) subsidy=\(summary.subsidy)"
            _ = try await database.write { db in
                try await AuditTrail.append(actor.event(action: "billing.resident", target: "region:\(region)", after: note), in: db)
            }
        }
        return summary
    }

    /// One chunk in one transaction: persons, enrolment events and dated statuses with one query each.
    static func bill(_ chunk: [Int64], region: String, year: Int, policy: ContributionPolicy, in db: any SQLDatabase) async throws -> Summary {
        var part = Summary(region: region, year: year)
        let persons = try await db.select().column("*").from("persons").where("admdvs", .equal, region).where("psn_no", .in, chunk).all()
            .map(PersonRecord.init(row:))
        var events: [Int64: [EnrolmentEvent]] = [:]
        for row in try await db.select().column("*").from("enrolment_events").where("admdvs", .equal, region).where("psn_no", .in, chunk)
            .orderBy("psn_no").orderBy("seq").all() {
            events[try row.decode(column: "psn_no", as: Int64.self), default: []].append(try EnrolmentRepository.event(from: row))
        }
        var periods: [Int64: [StatusPeriod]] = [:]
        for row in try await db.select().column("*").from("person_statuses").where("admdvs", .equal, region).where("psn_no", .in, chunk).all() {
            let name = try row.decode(column: "status", as: String.self)
            guard let status = SpecialStatuses.names.first(where: { $0.0 == name })?.1 else { continue }
            periods[try row.decode(column: "psn_no", as: Int64.self), default: []].append(
                StatusPeriod(status: status, from: try LocalDate.parse(try row.decode(column: "from_date", as: String.self)),
                             through: try row.decode(column: "through_date", as: String?.self).map { try LocalDate.parse($0) }))
        }
        for person in persons {
            guard let (reference, joined) = referenceDay(events[person.psnNo] ?? [], year: year) else {
                part.notEnrolled += 1
                continue
            }
            do {
                let statuses = periods[person.psnNo].map { StatusPeriod.statuses($0, on: reference) } ?? person.statuses
                let identity = try IdentityNumber.parse(person.certno)
                // The school's funding is not recorded yet: students count as students of county-funded schools.
                let premium = try ResidentPremium.compute(identity: identity, year: year, student: person.category == .student,
                                                          statuses: statuses, countyFundedSchool: true, policy: policy)
                let dueRule = policy.resident?.due.firstMatch(category: premium.category, statuses: statuses)?.rule
                guard let dueRule else {
                    throw DomainError(code: "RESIDENT_DUE_MISSING", message: "政策 resident.due 没有适用于 \(premium.category.rawValue) 的缴费截止日",
                                      messageEn: "resident.due has no due date for \(premium.category.rawValue)", path: "resident.due")
                }
                let due = joined ? max(dueRule.date(for: year), reference) : dueRule.date(for: year)
                let county = person.hukouRegion.isEmpty ? identity.regionCode.value : person.hukouRegion
                let stored = try await Self.store(Premium(psnNo: person.psnNo, year: year, premium: premium, statuses: statuses,
                                                          countyRegion: county), region: region, in: db)
                guard stored else {
                    part.alreadyBilled += 1
                    continue
                }
                try await ContributionBillRepository.insert(
                    ContributionBill(admdvs: region, employerID: 0, psnNo: person.psnNo, month: "\(year)-01", employerShare: .zero,
                                     individualShare: premium.personal, dueDate: due), in: db)
                part.billed += 1
                part.personalDue = part.personalDue + premium.personal
                part.subsidy = part.subsidy + premium.subsidy
                part.citySubsidy = part.citySubsidy + premium.citySubsidy
                part.countySubsidy = part.countySubsidy + premium.countySubsidy
            } catch let error as DomainError {
                part.failures.append(BillingRun.Failure(psnNo: person.psnNo, employerID: 0, code: error.code, message: error.message))
            }
        }
        return part
    }

    /// The day the year's category and statuses are taken on: 1 January when a resident enrolment is held
    /// then, else the day of a resident enrolment during the year (`joined`); nil when none is held in the year.
    static func referenceDay(_ events: [EnrolmentEvent], year: Int) -> (day: LocalDate, joined: Bool)? {
        let first = LocalDate(year: year, month: 1, day: 1)!
        let last = LocalDate(year: year, month: 12, day: 31)!
        let before = (try? EnrolmentHistory(replaying: events.filter { $0.date <= first }))?.state
        switch before {
        case .active(let scheme, _), .interrupted(let scheme, _):
            if residentSchemes.contains(scheme.insutype) { return (first, false) }
        default:
            break
        }
        for case .enrolled(let day, let scheme, _) in events where first < day && day <= last && residentSchemes.contains(scheme.insutype) {
            return (day, true)
        }
        return nil
    }

    /// Writes the premium unless the year is already billed for the person; true when a row was written.
    static func store(_ p: Premium, region: String, in db: any SQLDatabase) async throws -> Bool {
        let names = SpecialStatuses.names.filter { p.statuses.contains($0.1) }.map(\.0).joined(separator: ",")
        let rows = try await db.raw("""
            INSERT INTO resident_premiums (admdvs, psn_no, year, category, age, statuses, personal_fen, subsidy_fen, city_fen, county_fen,
                                           county_admdvs, created_at)
            VALUES (\(bind: region), \(bind: p.psnNo), \(bind: p.year), \(bind: p.premium.category.rawValue), \(bind: p.premium.age),
                    \(bind: names), \(bind: p.premium.personal.fen), \(bind: p.premium.subsidy.fen), \(bind: p.premium.citySubsidy.fen),
                    \(bind: p.premium.countySubsidy.fen), \(bind: p.countyRegion), \(bind: Clock.nowMillis()))
            ON CONFLICT (admdvs, psn_no, year) DO NOTHING
            RETURNING psn_no
            """).all()
        return !rows.isEmpty
    }

    /// The region's stored premiums for `year`, by person.
    public static func premiums(region: String, year: Int, in db: any SQLDatabase) async throws -> [Int64: Premium] {
        let rows = try await db.select().column("*").from("resident_premiums").where("admdvs", .equal, region).where("year", .equal, year).all()
        var out: [Int64: Premium] = [:]
        for row in rows {
            let psnNo = try row.decode(column: "psn_no", as: Int64.self)
            let subsidy = Money(fen: try row.decode(column: "subsidy_fen", as: Int64.self))
            out[psnNo] = Premium(
                psnNo: psnNo, year: year,
                premium: ResidentPremium(category: PersonCategory(rawValue: try row.decode(column: "category", as: String.self)) ?? .residentAdult,
                                         age: try row.decode(column: "age", as: Int.self),
                                         personal: Money(fen: try row.decode(column: "personal_fen", as: Int64.self)), subsidy: subsidy,
                                         citySubsidy: Money(fen: try row.decode(column: "city_fen", as: Int64.self))),
                statuses: PersonRecord.statuses(from: try row.decode(column: "statuses", as: String.self)),
                countyRegion: try row.decode(column: "county_admdvs", as: String.self))
        }
        return out
    }
}
