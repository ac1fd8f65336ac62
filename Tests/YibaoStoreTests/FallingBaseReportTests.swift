import Foundation
import SQLKit
import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// The audit of falling declared bases (municipal preset: declaration in March), 2026 against 2025.
@Suite struct FallingBaseReportTests {
    static let actor = AuditActor(name: "test", role: "administrator", region: "329900")
    static let region = "329900"

    /// An employer with `people` (2025 base, 2026 base or nil when gone by March 2026) and the bases of
    /// those hired in February 2026.
    struct Plan {
        var name: String
        var organisation: String
        var people: [(Int64, Int64?)]
        var hiredIn2026: [Int64] = []
        var wages: (Int64, Int64)? = nil
    }

    /// A: 3 × 8,000 = 24,000 with 3 on the roster in March 2025; 4 × 5,000 = 20,000 with 4 in March 2026:
    /// the base fell 4,000 while the headcount rose → headcount_rose. B: 2 × 6,000 = 12,000 → 2 × 5,000 =
    /// 10,000 with the reported wage total up from 150,000 to 160,000 → wages_rose. C: bases up (12,000 →
    /// 14,000): not listed. D: 12,000 → 5,000 with the headcount down from 2 to 1: not listed.
    @Test(arguments: TestBackend.all)
    func employersWhoseBaseFellWhileHeadcountOrWagesRose(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await DemoData.load(into: db, bcryptCost: 4, logger: TestBackend.logger)
            let plans = [
                Plan(name: "甲公司", organisation: "MA0000001", people: [(8000, 5000), (8000, 5000), (8000, 5000)], hiredIn2026: [5000]),
                Plan(name: "乙公司", organisation: "MA0000002", people: [(6000, 5000), (6000, 5000)], wages: (150_000, 160_000)),
                Plan(name: "丙公司", organisation: "MA0000003", people: [(6000, 7000), (6000, 7000)]),
                Plan(name: "丁公司", organisation: "MA0000004", people: [(6000, 5000), (6000, nil)]),
            ]
            let policy = try #require(try await PolicyRepository(database: db).inForce(region: Self.region, insutype: "310",
                                                                                      on: LocalDate(year: 2025, month: 1, day: 1)!)?
                .section(ContributionPolicy.self))
            try await db.write { sql in
                for (index, plan) in plans.enumerated() {
                    let employer = try await EmployerRepository.create(
                        EmployerRecord(admdvs: Self.region, creditCode: try CreditCode.make(region: RegionCode.parse(Self.region),
                                                                                            organisation: plan.organisation).value,
                                       name: plan.name, kind: "enterprise"),
                        by: Self.actor, in: sql)
                    // Distinct odd sequences: 20 per employer, the newcomers after the first staff.
                    func hire(_ count: Int, month: String, from first: Int) async throws -> [Int64] {
                        var hired: [Int64] = []
                        for k in 0..<count {
                            let sequence = 501 + 20 * index + 2 * (first + k)
                            let birth = LocalDate(year: 1985, month: 1, day: 1)!
                            let certno = try IdentityNumber.make(region: RegionCode.parse(Self.region), birthDate: birth, sequence: sequence, sex: .male).value
                            let person = try await PersonRepository(database: db).create(
                                PersonRecord(admdvs: Self.region, certno: certno, name: "职工\(sequence)", sex: .male, birthDate: birth,
                                             category: .employee, insutype: "310", enrolBegin: LocalDate(year: 2020, month: 1, day: 1)!),
                                by: Self.actor, in: sql)
                            try await EmployerRepository.change(.hire, employerID: employer.id, psnNo: person.psnNo, month: month,
                                                                admdvs: Self.region, by: Self.actor, in: sql)
                            hired.append(person.psnNo)
                        }
                        return hired
                    }
                    let staff = try await hire(plan.people.count, month: "2025-01", from: 0)
                    for (psnNo, (before, after)) in zip(staff, plan.people) {
                        try await Self.declare(employer.id, psnNo, 2025, before, policy, sql)
                        if let after {
                            try await Self.declare(employer.id, psnNo, 2026, after, policy, sql)
                        } else {
                            try await EmployerRepository.change(.leave, employerID: employer.id, psnNo: psnNo, month: "2026-01",
                                                                admdvs: Self.region, by: Self.actor, in: sql)
                        }
                    }
                    let newcomers = try await hire(plan.hiredIn2026.count, month: "2026-02", from: plan.people.count)
                    for (psnNo, yuan) in zip(newcomers, plan.hiredIn2026) {
                        try await Self.declare(employer.id, psnNo, 2026, yuan, policy, sql)
                    }
                    if let (before, after) = plan.wages {
                        try await FallingBaseReport.recordWageTotal(admdvs: Self.region, employerID: employer.id, year: 2025,
                                                                    total: Money(yuan: before), by: Self.actor, in: sql)
                        try await FallingBaseReport.recordWageTotal(admdvs: Self.region, employerID: employer.id, year: 2026,
                                                                    total: Money(yuan: after), by: Self.actor, in: sql)
                    }
                }
            }
            let rows = try await db.read { sql async throws in
                try await FallingBaseReport.compute(region: Self.region, year: 2026, declarationMonth: 3, in: sql)
            }
            #expect(rows.map(\.employer.name) == ["乙公司", "甲公司"].sorted())
            let a = try #require(rows.first { $0.employer.name == "甲公司" })
            #expect(a.reasons == [.headcountRose])
            #expect(a.trend.previous == DeclarationTrend.Year(declaredBase: Money(yuan: 24000), headcount: 3))
            #expect(a.trend.current == DeclarationTrend.Year(declaredBase: Money(yuan: 20000), headcount: 4))
            let b = try #require(rows.first { $0.employer.name == "乙公司" })
            #expect(b.reasons == [.wagesRose])
            #expect(b.trend.current.wageTotal == Money(yuan: 160_000))
        }
    }

    static func declare(_ employer: Int64, _ psnNo: Int64, _ year: Int, _ yuan: Int64, _ policy: ContributionPolicy,
                        _ sql: any SQLDatabase) async throws {
        try await ContributionBaseRepository.declare(admdvs: region, employerID: employer, psnNo: psnNo, year: year, declared: Money(yuan: yuan),
                                                     averageWage: Money(yuan: 80000), policy: policy, by: actor, in: sql)
    }
}
