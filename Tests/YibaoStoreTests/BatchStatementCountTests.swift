import SQLKit
import Testing
import YibaoCore
import YibaoTestSupport
@testable import YibaoStore

/// A chunk of a monthly batch runs a fixed number of statements whatever the number of persons in it:
/// billing reads persons and bases and inserts the bills at once; crediting also posts the ledger
/// rows and the balances at once; the residents' annual billing its premiums and their bills (one round
/// trip each on PostgreSQL, not one per person).
@Suite struct BatchStatementCountTests {
    typealias CountingSQL = SettlementStatementCountTests.CountingSQL
    static let actor = SyntheticRegionWriterTests.actor

    @Test(arguments: TestBackend.all)
    func billingAndCreditingChunksDoNotGrowWithPersons(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            _ = try await SyntheticRegionWriter(database: db).generate(region: "329800", persons: 600, institutions: 6, seed: 11,
                                                                       month: "2026-11", by: Self.actor)
            let month = try BillingMonth.parse("2026-11")
            let (terms, payers, policy) = try await db.read { sql in
                (try await MonthlyTerms.load(region: "329800", month: month, in: sql),
                 try await EmployerRepository.roster(admdvs: "329800", month: "2026-11", in: sql),
                 try await PolicyRepository.inForce(region: "329800", insutype: "310", on: month.firstDay, in: sql)!.section(ContributionPolicy.self)!)
            }
            #expect(payers.count >= 110)
            var billed: [Int: Int] = [:], credited: [Int: Int] = [:]
            for (size, chunk) in [(10, payers.prefix(10)), (100, payers.dropFirst(10).prefix(100))] {
                let pairs = chunk.map { ($0.employerID, $0.psnNo) }
                let (statements, part) = try await db.write { sql in
                    let counting = CountingSQL(sql)
                    let part = try await BillingRun.bill(pairs, region: "329800", terms: terms, by: Self.actor, in: counting)
                    return (counting.tally.count, part)
                }
                #expect(part.billed == size && part.failures.isEmpty)
                billed[size] = statements
                let (creditStatements, credit) = try await db.write { sql in
                    let counting = CountingSQL(sql)
                    let part = try await AccountCreditRun.credit(pairs.map(\.1), region: "329800", months: [month], policy: policy, in: counting)
                    return (counting.tally.count, part)
                }
                #expect(credit.credited > size / 2)
                credited[size] = creditStatements
            }
            #expect(billed[10] == billed[100])
            #expect(credited[10] == credited[100])
        }
    }

    @Test(arguments: TestBackend.all)
    func residentBillingChunksDoNotGrowWithPersons(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            _ = try await SyntheticRegionWriter(database: db).generate(region: "329800", persons: 600, institutions: 6, seed: 11,
                                                                       month: "2026-11", by: Self.actor)
            let (policy, residents) = try await db.read { sql in
                (try await ResidentAssessment.policy(region: "329800", year: 2027, in: sql),
                 try await sql.select().column("psn_no").from("persons").where("admdvs", .equal, "329800")
                    .where("insutype", .equal, Insutype.residentBasic.rawValue).orderBy("psn_no").all()
                    .map { try $0.decode(column: "psn_no", as: Int64.self) })
            }
            #expect(residents.count >= 110)
            var statements: [Int: Int] = [:]
            for (size, chunk) in [(10, Array(residents.prefix(10))), (100, Array(residents.dropFirst(10).prefix(100)))] {
                let (count, part) = try await db.write { sql in
                    let counting = CountingSQL(sql)
                    let part = try await ResidentBillingRun.bill(chunk, region: "329800", year: 2027, policy: policy, in: counting)
                    return (counting.tally.count, part)
                }
                #expect(part.billed > size / 2 && part.billed + part.awaitingSchool + part.notEnrolled == size && part.failures.isEmpty)
                statements[size] = count
                // A second pass over the same persons writes nothing more.
                let again = try await db.write { sql in
                    try await ResidentBillingRun.bill(chunk, region: "329800", year: 2027, policy: policy, in: sql)
                }
                #expect(again.billed == 0 && again.alreadyBilled == part.billed)
            }
            #expect(statements[10] == statements[100])
        }
    }
}
