import SQLKit
import YibaoCore

/// What one resident owes for contribution year Y (Benxi 003 篇5 R2–R19), shared by the annual billing run
/// and back-payments: the premium by the category of the age on 31 December of Y (students stay students)
/// and the statuses in force on the year's reference day — 1 January, or the enrolment day when they
/// enrolled during Y (R18) — due on the policy's `resident.due` day, or on the enrolment day when later.
/// The subsidy's county is the student's school's county (R12) or the person's hukou district (R13); a
/// back-payment has no subsidy (R19).
struct ResidentAssessment: Sendable {
    var premium: ResidentPremium
    var statuses: SpecialStatuses
    var due: LocalDate
    var countyRegion: String

    /// The persons, enrolment events and dated statuses of a set of persons: one query each.
    struct Inputs: Sendable {
        var persons: [PersonRecord]
        var events: [Int64: [EnrolmentEvent]]
        var periods: [Int64: [StatusPeriod]]

        static func load(_ psnNos: [Int64], region: String, in db: any SQLDatabase) async throws -> Inputs {
            let persons = try await db.select().column("*").from("persons").where("admdvs", .equal, region).where("psn_no", .in, psnNos)
                .orderBy("psn_no").all().map(PersonRecord.init(row:))
            var events: [Int64: [EnrolmentEvent]] = [:]
            for row in try await db.select().column("*").from("enrolment_events").where("admdvs", .equal, region).where("psn_no", .in, psnNos)
                .orderBy("psn_no").orderBy("seq").all() {
                events[try row.decode(column: "psn_no", as: Int64.self), default: []].append(try EnrolmentRepository.event(from: row))
            }
            var periods: [Int64: [StatusPeriod]] = [:]
            for row in try await db.select().column("*").from("person_statuses").where("admdvs", .equal, region).where("psn_no", .in, psnNos).all() {
                let name = try row.decode(column: "status", as: String.self)
                guard let status = SpecialStatuses.names.first(where: { $0.0 == name })?.1 else { continue }
                periods[try row.decode(column: "psn_no", as: Int64.self), default: []].append(
                    StatusPeriod(status: status, from: try LocalDate.parse(try row.decode(column: "from_date", as: String.self)),
                                 through: try row.decode(column: "through_date", as: String?.self).map { try LocalDate.parse($0) }))
            }
            return Inputs(persons: persons, events: events, periods: periods)
        }
    }

    static let residentSchemes: Set<Insutype> = [.residentBasic, .urbanResidentBasic]

    /// The assessment of `person` for `year`; nil when no resident enrolment is held at any time in it.
    static func assess(_ person: PersonRecord, in inputs: Inputs, year: Int, school: School?, backPayment: Bool,
                       policy: ContributionPolicy) throws(DomainError) -> ResidentAssessment? {
        guard let (reference, joined) = referenceDay(inputs.events[person.psnNo] ?? [], year: year) else { return nil }
        let statuses = inputs.periods[person.psnNo].map { StatusPeriod.statuses($0, on: reference) } ?? person.statuses
        let identity = try IdentityNumber.parse(person.certno)
        let premium = try ResidentPremium.compute(identity: identity, year: year, student: person.category == .student, statuses: statuses,
                                                  countyFundedSchool: school?.countyFunded ?? false, backPayment: backPayment, policy: policy)
        guard let dueRule = policy.resident?.due.firstMatch(category: premium.category, statuses: statuses)?.rule else {
            throw DomainError(code: "RESIDENT_DUE_MISSING", message: "政策 resident.due 没有适用于 \(premium.category.rawValue) 的缴费截止日",
                              messageEn: "resident.due has no due date for \(premium.category.rawValue)", path: "resident.due")
        }
        let due = joined ? max(dueRule.date(for: year), reference) : dueRule.date(for: year)
        let county = school?.countyRegion ?? (person.hukouRegion.isEmpty ? identity.regionCode.value : person.hukouRegion)
        return ResidentAssessment(premium: premium, statuses: statuses, due: due, countyRegion: county)
    }

    /// The day the year's category and statuses are taken on: 1 January when a resident enrolment is held
    /// then, else the day of a resident enrolment during the year (`joined`); nil when none is held in the year.
    static func referenceDay(_ events: [EnrolmentEvent], year: Int) -> (day: LocalDate, joined: Bool)? {
        EnrolmentHistory.firstDayHeld(events, schemes: residentSchemes, from: LocalDate(year: year, month: 1, day: 1)!,
                                      through: LocalDate(year: year, month: 12, day: 31)!)
    }

    /// The resident contributions policy in force on 1 January of `year` (the one its premium is billed by).
    static func policy(region: String, year: Int, in db: any SQLDatabase) async throws -> ContributionPolicy {
        guard let rules = try await PolicyRepository.inForce(region: region, insutype: Insutype.residentBasic.rawValue,
                                                             on: LocalDate(year: year, month: 1, day: 1)!, in: db)?.section(ContributionPolicy.self),
              let resident = rules.resident, !resident.due.isEmpty else {
            throw DomainError(.notFound, code: "RESIDENT_POLICY_MISSING",
                              message: "统筹区 \(region) 在 \(year) 年没有含缴费标准和缴费截止日（resident.due）的居民医保征缴政策",
                              messageEn: "no resident contributions policy with premiums and resident.due in force in \(region) for \(year)",
                              path: "year")
        }
        return rules
    }
}
