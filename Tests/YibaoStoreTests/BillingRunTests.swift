import Foundation
import SQLKit
import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// The monthly billing batch over stored employers, rosters and locked bases, with the 004 and Xiamen
/// figures of docs/enrolment-and-contributions.md §1–2.
@Suite struct BillingRunTests {
    static let actor = AuditActor(name: "test", role: "collection_clerk", region: "329900")

    static func person(_ db: any Database, region: String, category: PersonCategory, statuses: SpecialStatuses = [],
                       sequence: Int, enrolOn: LocalDate = LocalDate(year: 2020, month: 1, day: 1)!) async throws -> Int64 {
        let birth = LocalDate(year: 1985, month: 4, day: 2)!
        let certno = try IdentityNumber.make(region: RegionCode.parse(region), birthDate: birth, sequence: sequence, sex: .female).value
        return try await db.write { sql in
            try await PersonRepository(database: db).create(
                PersonRecord(admdvs: region, certno: certno, name: "职工\(sequence)", sex: .female, birthDate: birth, category: category,
                             statuses: statuses, insutype: "310", enrolBegin: enrolOn),
                by: actor, in: sql).psnNo
        }
    }

    static func employer(_ db: any Database, region: String, organisation: String) async throws -> Int64 {
        try await db.write { sql in
            try await EmployerRepository.create(
                EmployerRecord(admdvs: region, creditCode: try CreditCode.make(region: RegionCode.parse(region), organisation: organisation).value,
                               name: "测试单位\(organisation)", kind: "enterprise"), by: actor, in: sql).id
        }
    }

    static func bills(_ db: any Database, _ region: String) async throws -> [ContributionBill] {
        try await db.read { sql in
            try await ContributionBillRepository.bills(admdvs: region, openOnly: false, in: sql)
        }
    }

    /// Municipal (004 L11/L13), March 2025, W = 80,000 (W/12 = 6,666.67, floor 60% = 4,000.00):
    /// employee A declared 8,000 → 720.00 + 160.00; employee B declared 3,000 → raised to 4,000.00 →
    /// 360.00 + 80.00; a flexible worker paying alone on 5,000 → 11% = 550.00; employee C left in
    /// February → no bill. Employer total 1,080.00, individual 790.00, all due 2025-04-15. A second
    /// run writes nothing and the bills are unchanged.
    @Test(arguments: TestBackend.all)
    func municipalEmployerBillsAndRerunIsANoOp(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await DemoData.load(into: db, bcryptCost: 4, logger: TestBackend.logger)
            let region = "329900"
            let policy = try #require(try await PolicyRepository(database: db).inForce(region: region, insutype: "310",
                                                                                      on: LocalDate(year: 2025, month: 3, day: 1)!)?
                .section(ContributionPolicy.self))
            let company = try await Self.employer(db, region: region, organisation: "MA1234567")
            let a = try await Self.person(db, region: region, category: .employee, sequence: 112)
            let b = try await Self.person(db, region: region, category: .employee, sequence: 114)
            let c = try await Self.person(db, region: region, category: .employee, sequence: 116)
            let flexible = try await Self.person(db, region: region, category: .flexible, sequence: 118)
            try await db.write { sql in
                for p in [a, b, c] {
                    try await EmployerRepository.change(.hire, employerID: company, psnNo: p, month: "2025-01", admdvs: region, by: Self.actor, in: sql)
                }
                try await EmployerRepository.change(.leave, employerID: company, psnNo: c, month: "2025-02", admdvs: region, by: Self.actor, in: sql)
                for (employer, p, yuan) in [(company, a, 8000), (company, b, 3000), (Int64(0), flexible, 5000)] {
                    try await ContributionBaseRepository.declare(admdvs: region, employerID: employer, psnNo: p, year: 2025,
                                                                 declared: Money(yuan: Int64(yuan)), averageWage: Money(yuan: 80000),
                                                                 policy: policy, by: Self.actor, in: sql)
                }
            }
            let run = BillingRun(database: db, chunkSize: 2)
            let first = try await run.run(region: region, month: "2025-03", by: Self.actor)
            #expect(first.billed == 3)
            #expect(first.failures.isEmpty)
            #expect(first.employerDue == Money(yuan: 1080))
            #expect(first.individualDue == Money(yuan: 790))
            let bills = try await Self.bills(db, region)
            let byPerson = Dictionary(uniqueKeysWithValues: bills.map { ($0.psnNo, $0) })
            #expect(byPerson[a].map { [$0.employerShare, $0.individualShare] } == [Money(yuan: 720), Money(yuan: 160)])
            #expect(byPerson[b].map { [$0.employerShare, $0.individualShare] } == [Money(yuan: 360), Money(yuan: 80)])
            #expect(byPerson[flexible].map { [$0.employerShare, $0.individualShare] } == [.zero, Money(yuan: 550)])
            #expect(byPerson[c] == nil)
            #expect(Set(bills.map(\.dueDate)) == [LocalDate(year: 2025, month: 4, day: 15)!])
            for _ in 0..<2 {
                let again = try await run.run(region: region, month: "2025-03", by: Self.actor)
                #expect(again.billed == 0)
                #expect(again.alreadyBilled == 3)
                #expect(try await Self.bills(db, region) == bills)
            }
            // The base is locked for the year.
            await #expect(throws: DomainError.self) {
                try await db.write { sql in
                    try await ContributionBaseRepository.declare(admdvs: region, employerID: company, psnNo: a, year: 2025,
                                                                 declared: Money(yuan: 9000), averageWage: Money(yuan: 80000),
                                                                 policy: policy, by: Self.actor, in: sql)
                }
            }
        }
    }

    /// Xiamen (000 L97/L117), September 2025 (the preset is in force from 2025-07-01), W = 120,000 (W/12 = 10,000.00): a local employee 8% + 2% →
    /// 800.00 + 200.00; a migrant on 60% = 6,000.00 → 240.00 + 120.00; a civil servant 800.00 + 200.00
    /// plus the 3.5% levy 350.00 on the employer → 1,150.00 + 200.00. Employer 2,190.00, individual 520.00.
    @Test(arguments: TestBackend.all)
    func xiamenEmployerBills(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await DemoData.load(into: db, bcryptCost: 4, logger: TestBackend.logger)
            let region = "350200"
            let company = try await Self.employer(db, region: region, organisation: "MA7654321")
            let local = try await Self.person(db, region: region, category: .employee, sequence: 212)
            let migrant = try await Self.person(db, region: region, category: .migrant, sequence: 214)
            let official = try await Self.person(db, region: region, category: .employee, statuses: .civilServant, sequence: 216)
            try await db.write { sql in
                for p in [local, migrant, official] {
                    try await EmployerRepository.change(.hire, employerID: company, psnNo: p, month: "2025-09", admdvs: region, by: Self.actor, in: sql)
                }
            }
            let summary = try await BillingRun(database: db).run(region: region, month: "2025-09", by: Self.actor)
            #expect(summary.billed == 3)
            #expect(summary.employerDue == Money(yuan: 2190))
            #expect(summary.individualDue == Money(yuan: 520))
            let byPerson = Dictionary(uniqueKeysWithValues: try await Self.bills(db, region).map { ($0.psnNo, $0) })
            #expect(byPerson[local].map { [$0.employerShare, $0.individualShare] } == [Money(yuan: 800), Money(yuan: 200)])
            #expect(byPerson[migrant].map { [$0.employerShare, $0.individualShare] } == [Money(yuan: 240), Money(yuan: 120)])
            #expect(byPerson[official].map { [$0.employerShare, $0.individualShare] } == [Money(yuan: 1150), Money(yuan: 200)])
            // The employer pays 2,000.00 of 2,710.00 on 2025-10-10: collection rate 2,000 ÷ 2,710 =
            // 0.73800738… → 738,007 ppm; at the end of October 710.00 is outstanding (due 2025-10-15).
            _ = try await db.write { sql in
                try await PaymentAllocation.record(admdvs: region, statement: "T1", lineNo: 1, payer: "company", employerID: company, psnNo: 0,
                                                   amount: Money(yuan: 2000), paidOn: LocalDate(year: 2025, month: 10, day: 10)!,
                                                   by: Self.actor, in: sql)
            }
            let kpis = try await db.read { sql in try await CollectionKPIs.compute(region: region, month: "2025-09", in: sql) }
            #expect(kpis.due == Money(yuan: 2710))
            #expect(kpis.received == Money(yuan: 2000))
            #expect(kpis.collectionRate == Ratio(ppm: 738_007))
            #expect(kpis.arrearsOutstanding == .zero)
            // Demo: 张伟, 李娜, 林志强 employees, 王建国 retiree, 陈小红 migrant; plus the three above.
            #expect(kpis.insuredByCategory == ["employee": 5, "migrant": 2, "retiree": 1])
            let october = try await db.read { sql in try await CollectionKPIs.compute(region: region, month: "2025-10", in: sql) }
            #expect(october.arrearsOutstanding == Money(yuan: 710))
            #expect(october.collectionRate == nil)
            // Not on the roster in August: nothing to bill.
            #expect(try await BillingRun(database: db).run(region: region, month: "2025-08", by: Self.actor).considered == 0)
        }
    }
}
