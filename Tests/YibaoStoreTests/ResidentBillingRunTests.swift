import Foundation
import SQLKit
import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// Resident annual premiums for 2026 in Benxi (003 篇5 R2–R13, R17, R19): every category and status line
/// of the table, the age taken on 31 December of the contribution year, statuses taken on 1 January,
/// the subsidy split city 60% / county 40% by hukou district, due dates from `resident.due`.
@Suite struct ResidentBillingRunTests {
    static let actor = AuditActor(name: "benxi-admin", role: "administrator", region: "210500")

    struct Case: Sendable {
        var birth: String
        var sequence: Int
        /// The category registered in December 2025 (age at the end of 2025).
        var registered: PersonCategory
        var statuses: [StatusPeriod] = []
        var hukou: String? = nil
        /// Expected for 2026: category, personal, subsidy, city, county (yuan).
        var category: PersonCategory
        var figures: [Int64]
    }

    static func day(_ text: String) -> LocalDate { try! LocalDate.parse(text) }
    static func held(_ status: SpecialStatuses, through: String? = nil) -> [StatusPeriod] {
        [StatusPeriod(status: status, from: day("2024-01-01"), through: through.map(day))]
    }

    /// The Benxi table (docs/enrolment-and-contributions.md §3); city = 60% of the subsidy, county the rest.
    static let cases: [Case] = [
        Case(birth: "2010-05-01", sequence: 11, registered: .student, category: .student, figures: [40, 40, 24, 16]),
        Case(birth: "2014-05-01", sequence: 13, registered: .minor, category: .minor, figures: [40, 40, 24, 16]),
        Case(birth: "2014-05-02", sequence: 15, registered: .minor, statuses: held(.dibao), category: .minor, figures: [15, 65, 39, 26]),
        Case(birth: "2014-05-03", sequence: 17, registered: .minor, statuses: held(.severelyDisabled), category: .minor, figures: [15, 65, 39, 26]),
        Case(birth: "2014-05-04", sequence: 19, registered: .minor, statuses: held(.nearDibao), category: .minor, figures: [30, 50, 30, 20]),
        Case(birth: "1980-01-01", sequence: 21, registered: .residentAdult, category: .residentAdult, figures: [255, 40, 24, 16]),
        Case(birth: "1980-01-02", sequence: 23, registered: .residentAdult, statuses: held(.dibao), category: .residentAdult,
             figures: [85, 210, 126, 84]),
        Case(birth: "1980-01-03", sequence: 25, registered: .residentAdult, statuses: held(.severelyDisabled), category: .residentAdult,
             figures: [55, 240, 144, 96]),
        Case(birth: "1980-01-04", sequence: 27, registered: .residentAdult, statuses: held(.nearDibao), category: .residentAdult,
             figures: [170, 125, 75, 50]),
        Case(birth: "1950-01-01", sequence: 29, registered: .residentElderly, hukou: "210504", category: .residentElderly,
             figures: [195, 100, 60, 40]),
        Case(birth: "1950-01-02", sequence: 31, registered: .residentElderly, statuses: held(.dibao), category: .residentElderly,
             figures: [55, 240, 144, 96]),
        Case(birth: "1950-01-03", sequence: 33, registered: .residentElderly, statuses: held(.severelyDisabled), category: .residentElderly,
             figures: [55, 240, 144, 96]),
        Case(birth: "1950-01-04", sequence: 35, registered: .residentElderly, statuses: held(.nearDibao), category: .residentElderly,
             figures: [125, 170, 102, 68]),
        // R17: 17 at the end of 2025 (registered a minor), 18 at the end of 2026: an adult for 2026.
        Case(birth: "2008-12-31", sequence: 37, registered: .minor, category: .residentAdult, figures: [255, 40, 24, 16]),
        // 59 at the end of 2025, 60 at the end of 2026: elderly for 2026.
        Case(birth: "1966-12-31", sequence: 39, registered: .residentAdult, category: .residentElderly, figures: [195, 100, 60, 40]),
        // 低保 ended on 2025-12-31: not held on 1 January 2026, so the general adult line.
        Case(birth: "1985-06-06", sequence: 41, registered: .residentAdult, statuses: held(.dibao, through: "2025-12-31"),
             category: .residentAdult, figures: [255, 40, 24, 16]),
        // R12: a student of a school no county funds: the city bears the whole subsidy.
        Case(birth: "2011-03-03", sequence: 47, registered: .student, category: .student, figures: [40, 40, 40, 0]),
    ]

    static func certno(_ birth: String, _ sequence: Int) -> String {
        try! IdentityNumber.make(region: RegionCode.parse("210502"), birthDate: day(birth), sequence: sequence, sex: .male).value
    }

    static func register(_ db: any Database, _ registrations: [(PersonRegistration, HouseholdRelation)], on day: LocalDate) async throws -> [PersonRecord] {
        let policy = try #require(try await PolicyRepository(database: db).inForce(region: "210500", insutype: "390", on: day)?
            .section(ContributionPolicy.self))
        let members = try registrations.map { registration, relation in
            PersonRepository.Member(person: try registration.check(insutype: .residentBasic, enrolOn: day, policy: policy), relation: relation)
        }
        return try await db.write { sql in
            try await PersonRepository(database: db).registerHousehold(members, address: "平山区", admdvs: "210500", insutype: .residentBasic,
                                                                     enrolOn: day, by: actor, in: sql).members
        }
    }

    /// Seventeen residents registered on 2025-12-01, one enrolled on 2026-03-05 and one terminated on
    /// 2025-12-20, besides the demo's three (赵丽 adult 255 + 40, 孙浩 student 40 + 40, 周桂兰 elderly
    /// 195 + 100). The first student's school is funded by 平山区 (city 24, county 16), the second's by no
    /// county (city 40, R12); a third student no school has registered yet waits for it. Totals (yuan):
    /// personal 40+40+15+15+30+255+85+55+170+195+55+55+125+255+195+255+40 = 1,880, + 255 for the March
    /// enrolment + 490 for the demo = 2,625; subsidy 1,845 + 40 + 180 = 2,065, of which the city
    /// 1,215 + 40 = 1,255 and the counties 810. The terminated person is not billed; a second run bills
    /// nothing; once the waiting student's school registers them, a third run bills them alone.
    @Test(arguments: TestBackend.all)
    func benxiPremiumsForEveryCategory(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await DemoData.load(into: db, bcryptCost: 4, logger: TestBackend.logger)
            let registrations = Self.cases.enumerated().map { index, c in
                (PersonRegistration(certno: Self.certno(c.birth, c.sequence), name: "居民\(index)", hukouRegion: c.hukou, category: c.registered,
                                    statuses: c.statuses), index == 5 ? HouseholdRelation.head : .other)
            }
            let persons = try await Self.register(db, registrations, on: Self.day("2025-12-01"))
            let late = try await Self.register(db, [(PersonRegistration(certno: Self.certno("1990-07-07", 43), name: "新参保",
                                                                        category: .residentAdult), .head)], on: Self.day("2026-03-05"))
            let gone = try await Self.register(db, [(PersonRegistration(certno: Self.certno("1970-07-07", 45), name: "已终止",
                                                                        category: .residentAdult), .head)], on: Self.day("2025-12-01"))
            _ = try await db.write { sql in
                try await EnrolmentRepository.append(.terminated(on: Self.day("2025-12-20"), reason: .emigration), admdvs: "210500",
                                                     psnNo: gone[0].psnNo, by: Self.actor, in: sql)
            }

            let waiting = try await Self.register(db, [(PersonRegistration(certno: Self.certno("2012-02-02", 49), name: "待登记学生",
                                                                           category: .student), .head)], on: Self.day("2025-12-01"))
            let (countySchool, citySchool) = try await db.write { sql in
                (try await SchoolRepository.create(admdvs: "210500", name: "平山区第一中学", county: "210502", countyFunded: true, by: Self.actor, in: sql),
                 try await SchoolRepository.create(admdvs: "210500", name: "本溪市职业学校", county: "210503", countyFunded: false, by: Self.actor, in: sql))
            }
            try await Self.registerStudents(db, [persons[0].psnNo], at: countySchool)
            try await Self.registerStudents(db, [persons[16].psnNo], at: citySchool)

            let summary = try await ResidentBillingRun(database: db).run(region: "210500", year: 2026, by: Self.actor)
            #expect(summary.failures.isEmpty)
            #expect(summary.billed == 21)
            #expect(summary.notEnrolled == 1)
            #expect(summary.awaitingSchool == 1)
            #expect(summary.personalDue == Money(yuan: 2625))
            #expect(summary.subsidy == Money(yuan: 2065))
            #expect(summary.citySubsidy == Money(yuan: 1255))
            #expect(summary.countySubsidy == Money(yuan: 810))

            let stored = try await db.read { sql in try await ResidentBillingRun.premiums(region: "210500", year: 2026, in: sql) }
            for (c, person) in zip(Self.cases, persons) {
                let p = try #require(stored[person.psnNo], "\(c.birth)")
                #expect(p.premium.category == c.category, "\(c.birth)")
                #expect([p.premium.personal, p.premium.subsidy, p.premium.citySubsidy, p.premium.countySubsidy] == c.figures.map { Money(yuan: $0) },
                        "\(c.birth) \(c.statuses.map(\.name))")
                #expect(p.countyRegion == (c.hukou ?? (person.psnNo == persons[16].psnNo ? "210503" : "210502")))
            }
            #expect(stored[gone[0].psnNo] == nil)

            // Bills: the personal part, due 2025-12-31 (paid in advance), students 2026-09-15, the March
            // enrolment on its enrolment day.
            let bills = try await db.read { sql async throws in
                try await ContributionBillRepository.bills(admdvs: "210500", openOnly: true, in: sql)
            }
            let byPerson = Dictionary(bills.map { ($0.psnNo, $0) }, uniquingKeysWith: { a, _ in a })
            #expect(byPerson[persons[0].psnNo]?.dueDate == Self.day("2026-09-15"))
            #expect(byPerson[persons[6].psnNo]?.dueDate == Self.day("2025-12-31"))
            #expect(byPerson[persons[6].psnNo]?.individualShare == Money(yuan: 85))
            #expect(byPerson[persons[6].psnNo]?.employerShare == .zero)
            #expect(byPerson[late[0].psnNo]?.dueDate == Self.day("2026-03-05"))
            #expect(byPerson[late[0].psnNo]?.month == "2026-01")

            let again = try await ResidentBillingRun(database: db).run(region: "210500", year: 2026, by: Self.actor)
            #expect(again.billed == 0)
            #expect(again.alreadyBilled == 21)
            #expect(again.awaitingSchool == 1)
            #expect(try await db.read { sql in try await ContributionBillRepository.bills(admdvs: "210500", openOnly: false, in: sql) }.count == 21)

            try await Self.registerStudents(db, [waiting[0].psnNo], at: countySchool)
            let third = try await ResidentBillingRun(database: db).run(region: "210500", year: 2026, by: Self.actor)
            #expect(third.billed == 1 && third.alreadyBilled == 21 && third.awaitingSchool == 0)
            #expect(third.personalDue == Money(yuan: 40) && third.citySubsidy == Money(yuan: 24) && third.countySubsidy == Money(yuan: 16))
        }
    }

    /// The school registers students for school year 2026 on 2026-09-01 (before the policy's 15 September).
    static func registerStudents(_ db: any Database, _ psnNos: [Int64], at school: School) async throws {
        _ = try await db.write { sql in
            try await SchoolRepository.registerStudents(psnNos, school: school, schoolYear: 2026, on: Self.day("2026-09-01"), by: Self.actor, in: sql)
        }
    }
}
