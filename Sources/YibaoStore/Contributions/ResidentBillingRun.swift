import SQLKit
import YibaoCore

/// The resident annual premium batch (城乡居民年度缴费核定, Benxi 003 篇5 R2–R19): every person whose
/// resident enrolment (390/391) is held at some time in contribution year Y is assessed
/// (`ResidentAssessment`); the personal part is billed (`contribution_bills`, employer 0, month `Y-01`),
/// the subsidy recorded with its city and county parts. A student is billed once a school has registered
/// them for school year Y (R12: the school's funding decides the split); until then they are counted as
/// awaiting their school, and a later run bills them.
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
        /// Students no school has registered for the school year yet: billed by a later run.
        public var awaitingSchool = 0
        public var personalDue = Money.zero
        public var subsidy = Money.zero
        public var citySubsidy = Money.zero
        public var countySubsidy = Money.zero
        public var failures: [BillingRun.Failure] = []

        enum CodingKeys: String, CodingKey {
            case region, year, considered, billed, alreadyBilled = "already_billed", notEnrolled = "not_enrolled"
            case awaitingSchool = "awaiting_school"
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
        /// The back-payment (补缴) the year was billed by, without subsidy; nil for the annual billing.
        public var backPaymentID: Int64? = nil
    }

    public let database: any Database
    public var chunkSize: Int

    public init(database: any Database, chunkSize: Int = 500) {
        self.database = database
        self.chunkSize = chunkSize
    }

    public func run(region: String, year: Int, by actor: AuditActor) async throws -> Summary {
        let rules = try await database.read { db in try await ResidentAssessment.policy(region: region, year: year, in: db) }
        let psnNos = try await database.read { db in
            try await db.select().column("psn_no").from("persons").where("admdvs", .equal, region)
                .where("insutype", .in, ResidentAssessment.residentSchemes.map(\.rawValue)).orderBy("psn_no").all()
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
            summary.awaitingSchool += part.awaitingSchool
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

    /// One chunk in one transaction: persons, enrolment events, dated statuses and schools with one query
    /// each, then the premiums in one insert and the bills of those written in another (a fixed number of
    /// statements however many persons the chunk holds).
    static func bill(_ chunk: [Int64], region: String, year: Int, policy: ContributionPolicy, in db: any SQLDatabase) async throws -> Summary {
        var part = Summary(region: region, year: year)
        let inputs = try await ResidentAssessment.Inputs.load(chunk, region: region, in: db)
        let schools = try await SchoolRepository.schools(of: inputs.persons.filter { $0.category == .student }.map(\.psnNo), schoolYear: year,
                                                         admdvs: region, in: db)
        var assessed: [(psnNo: Int64, assessment: ResidentAssessment)] = []
        for person in inputs.persons {
            let school = schools[person.psnNo]
            if person.category == .student && school == nil && ResidentAssessment.referenceDay(inputs.events[person.psnNo] ?? [], year: year) != nil {
                part.awaitingSchool += 1
                continue
            }
            switch Result(catching: { () throws(DomainError) in
                try ResidentAssessment.assess(person, in: inputs, year: year, school: school, backPayment: false, policy: policy)
            }) {
            case .success(let assessment?): assessed.append((person.psnNo, assessment))
            case .success(nil): part.notEnrolled += 1
            case .failure(let error):
                part.failures.append(BillingRun.Failure(psnNo: person.psnNo, employerID: 0, code: error.code, message: error.message))
            }
        }
        let stored = try await Self.store(assessed.map {
            Premium(psnNo: $0.psnNo, year: year, premium: $0.assessment.premium, statuses: $0.assessment.statuses,
                    countyRegion: $0.assessment.countyRegion)
        }, region: region, in: db)
        let written = assessed.filter { stored.contains($0.psnNo) }
        part.alreadyBilled = assessed.count - written.count
        // Their premiums were new just now, so their bills are too: the keys written are all of them.
        _ = try await ContributionBillRepository.insert(written.map {
            ContributionBill(admdvs: region, employerID: 0, psnNo: $0.psnNo, month: "\(year)-01", employerShare: .zero,
                             individualShare: $0.assessment.premium.personal, dueDate: $0.assessment.due)
        }, in: db)
        for (_, assessment) in written {
            let premium = assessment.premium
            part.billed += 1
            part.personalDue = part.personalDue + premium.personal
            part.subsidy = part.subsidy + premium.subsidy
            part.citySubsidy = part.citySubsidy + premium.citySubsidy
            part.countySubsidy = part.countySubsidy + premium.countySubsidy
        }
        return part
    }

    /// Writes the premiums whose year is not yet billed for their person; returns the persons written.
    static func store(_ premiums: [Premium], region: String, in db: any SQLDatabase) async throws -> Set<Int64> {
        let now = Clock.nowMillis()
        let rows: [[BulkInsert.Value]] = premiums.map { p in
            [region, p.psnNo, p.year, p.premium.category.rawValue, p.premium.age, PersonRecord.text(of: p.statuses), p.premium.personal.fen,
             p.premium.subsidy.fen, p.premium.citySubsidy.fen, p.premium.countySubsidy.fen, p.countyRegion, now]
        }
        let written = try await BulkInsert.insert(
            into: "resident_premiums",
            columns: ["admdvs", "psn_no", "year", "category", "age", "statuses", "personal_fen", "subsidy_fen", "city_fen", "county_fen",
                      "county_admdvs", "created_at"],
            rows: rows, ignoringConflictsOn: ["admdvs", "psn_no", "year"], returning: ["psn_no"], in: db)
        return Set(try written.map { try $0.decode(column: "psn_no", as: Int64.self) })
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
                countyRegion: try row.decode(column: "county_admdvs", as: String.self),
                backPaymentID: try row.decode(column: "back_payment_id", as: Int64?.self))
        }
        return out
    }
}
