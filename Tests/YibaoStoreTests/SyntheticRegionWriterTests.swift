import Foundation
import SQLKit
import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// `yibao demo generate` storage: a synthetic region written in bulk is what the seed says, valid, and
/// usable by the batches (billing and crediting run over it without a failure).
@Suite struct SyntheticRegionWriterTests {
    static let actor = AuditActor(name: "test", role: "administrator", region: "329800")

    /// 1,200 persons into the new region 329800 (chunks of 500): the region is established with the
    /// re-targeted municipal (310) and Benxi resident (390) schemes; the stored persons are exactly the
    /// seed's, in order; every stored identity number and credit code re-parses; the same generation again
    /// writes nothing and another one is refused; billing and crediting November run without failure.
    @Test(arguments: TestBackend.all)
    func generatedRegionIsTheSeedsAndBatchesRunOverIt(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let writer = SyntheticRegionWriter(database: db, chunkSize: 500)
            let summary = try await writer.generate(region: "329800", persons: 1_200, institutions: 8, seed: 11, month: "2026-11", by: Self.actor)
            #expect(summary.persons == 1_200)
            #expect(summary.institutions == 8)
            #expect(summary.catalogueItems == 8_010) // 4,005 items × two schemes
            #expect(summary.employers == 12)
            let policies = PolicyRepository(database: db)
            let november = LocalDate(year: 2026, month: 11, day: 1)!
            let employeeDocument = try #require(try await policies.inForce(region: "329800", insutype: "310", on: november))
            #expect(employeeDocument.metadata.id == "municipal-employee-2025-synthetic-329800")
            #expect(try await policies.inForce(region: "329800", insutype: "390", on: november) != nil)

            var expected = try SyntheticPopulation(.init(
                region: RegionCode.parse("329800"), persons: 1_200, seed: 11, asOf: november,
                employeePolicy: employeeDocument.section(ContributionPolicy.self), residents: true, averageWage: Money(yuan: 84_000)))
            let people = try expected.next(1_200)
            let (stored, codes, counts) = try await db.read { sql in
                let persons = try await sql.select().columns("certno", "name", "psn_type").from("persons").where("admdvs", .equal, "329800")
                    .orderBy("psn_no").all().map {
                        [try $0.decode(column: "certno", as: String.self), try $0.decode(column: "name", as: String.self),
                         try $0.decode(column: "psn_type", as: String.self)]
                    }
                let codes = try await sql.select().column("credit_code").from("employers").where("admdvs", .equal, "329800").all()
                    .map { try $0.decode(column: "credit_code", as: String.self) }
                var counts: [String: Int] = [:]
                for table in ["enrolment_events", "person_accounts", "contribution_bills", "contribution_bases", "institution_declared_items"] {
                    counts[table] = try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE admdvs = '329800'").first()!
                        .decode(column: "n", as: Int.self)
                }
                return (persons, codes, counts)
            }
            #expect(stored == people.map { [$0.certno.value, $0.name, $0.category.rawValue] })
            #expect(try stored.allSatisfy { try IdentityNumber.parse($0[0]).value == $0[0] })
            #expect(try codes.allSatisfy { try CreditCode.parse($0).value == $0 })
            #expect(Set(codes) == Set(expected.employers.map(\.creditCode.value)))
            #expect(counts["enrolment_events"] == people.reduce(0) { $0 + $1.events.count })
            #expect(counts["person_accounts"] == 1_200)
            #expect(counts["contribution_bills"] == people.reduce(0) { $0 + $1.arrears.count })
            #expect(counts["contribution_bases"] == people.filter { $0.base != nil }.count)
            #expect(counts["institution_declared_items"] == summary.declaredItems)

            if backend == .postgres {
                // Statistics for what was loaded, none for the still empty tables (whose prepared
                // statements would otherwise keep a plan that scans them: `analyzeLoadedTables`).
                let tuples = try await db.read { sql in
                    try await sql.raw("SELECT relname, reltuples FROM pg_class WHERE relname IN ('persons', 'catalogue_items', 'fee_details', 'settlements')")
                        .all().reduce(into: [String: Double]()) {
                            $0[try $1.decode(column: "relname", as: String.self)] = try $1.decode(column: "reltuples", as: Double.self)
                        }
                }
                #expect(tuples["persons"].map { $0 >= 1_200 } == true)
                #expect(tuples["catalogue_items"].map { $0 >= 8_010 } == true)
                #expect(tuples["fee_details"] == -1)
                #expect(tuples["settlements"] == -1)
            }

            let again = try await writer.generate(region: "329800", persons: 1_200, institutions: 8, seed: 11, month: "2026-11", by: Self.actor)
            #expect(!again.generated && again.persons == 0)
            await #expect(throws: DomainError.self) {
                try await writer.generate(region: "329800", persons: 1_200, institutions: 8, seed: 12, month: "2026-11", by: Self.actor)
            }

            // Billed: everyone on a roster in November plus those paying alone with a base; nobody fails.
            let billing = try await BillingRun(database: db).run(region: "329800", month: "2026-11", by: Self.actor)
            let onRoster = people.filter { $0.employer != nil && !$0.isInterrupted }.count
            let alone = people.filter { $0.employer == nil && $0.base != nil }.count
            #expect(billing.failures.isEmpty)
            #expect(billing.considered == onRoster + alone)
            #expect(billing.billed == billing.considered)
            // Credited: the employees (4% or 5% of their base); the flexible and owners have no crediting rule.
            let crediting = try await AccountCreditRun(database: db).run(region: "329800", month: "2026-11", by: Self.actor)
            #expect(crediting.credited == people.filter { $0.category == .employee && $0.base != nil }.count)
            #expect(crediting.credited + crediting.skipped == crediting.considered)
        }
    }

    /// Into Xiamen, whose policy is kept: no resident, no flexible worker, no base (Xiamen fixes bases as
    /// fractions of W), and the demo persons are untouched.
    @Test(arguments: TestBackend.all)
    func anExistingRegionKeepsItsPolicies(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await DemoData.load(into: db, bcryptCost: 4, logger: TestBackend.logger)
            let summary = try await DemoData.loadPopulation(into: db, logger: TestBackend.logger)
            #expect(summary.persons == 2_000)
            #expect(try await DemoData.loadPopulation(into: db, logger: TestBackend.logger).generated == false)
            let (categories, bases, zhang, certnos) = try await db.read { sql in
                let rows = try await sql.select().columns("psn_type", "certno").from("persons").where("admdvs", .equal, "350200").all()
                let categories = Set(try rows.map { try $0.decode(column: "psn_type", as: String.self) })
                let certnos = Set(try rows.map { try $0.decode(column: "certno", as: String.self) })
                let bases = try await sql.raw("SELECT COUNT(*) AS n FROM contribution_bases WHERE admdvs = '350200'").first()!
                    .decode(column: "n", as: Int.self)
                return (categories, bases, try await PersonRepository.find(certno: DemoData.insuredCertno("张伟")!, in: sql), certnos)
            }
            // The load generator's offline copy of the population is the one stored.
            let regenerated = try DemoData.population()
            #expect(regenerated.count == 2_000)
            #expect(Set(regenerated.map(\.certno.value)).isSubset(of: certnos))
            #expect(categories.isSubset(of: ["employee", "retiree", "migrant", "business_owner", "unemployed"]))
            #expect(bases == 0)
            #expect(zhang.map(\.name) == ["张伟"])
        }
    }

    /// A run stopped after the providers (progress 0) resumes with the persons, not by writing the
    /// providers again; a second synthetic region of the same city is refused before anything is
    /// written, since its identity numbers would repeat the first's.
    @Test(arguments: TestBackend.all)
    func aStoppedRunResumesAndASecondRegionOfTheCityIsRefused(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let writer = SyntheticRegionWriter(database: db, chunkSize: 100)
            _ = try await writer.generate(region: "329800", persons: 0, institutions: 6, seed: 5, month: "2026-11", by: Self.actor)
            // As if a 300-person run had stopped once its providers were committed.
            try await db.write { sql in
                try await sql.update("batch_runs").set("period", to: "seed=5 persons=300 institutions=6 month=2026-11").set("status", to: "running")
                    .where("admdvs", .equal, "329800").where("kind", .equal, "generate").run()
            }
            let resumed = try await writer.generate(region: "329800", persons: 300, institutions: 6, seed: 5, month: "2026-11", by: Self.actor)
            #expect(resumed.persons == 300 && resumed.declaredItems == 0)
            let counts = try await db.read { sql in
                (try await sql.raw("SELECT COUNT(*) AS n FROM persons WHERE admdvs = '329800'").first()!.decode(column: "n", as: Int.self),
                 try await sql.raw("SELECT COUNT(*) AS n FROM institutions WHERE admdvs = '329800'").first()!.decode(column: "n", as: Int.self))
            }
            #expect(counts == (300, 6))

            let refused = await #expect(throws: DomainError.self) {
                try await writer.generate(region: "329806", persons: 300, institutions: 6, seed: 6, month: "2026-11", by: Self.actor)
            }
            #expect(refused?.code == "SYNTHETIC_CITY_TAKEN")
            let region = try await db.read { sql in try await sql.raw("SELECT COUNT(*) AS n FROM regions WHERE admdvs = '329806'").first()! }
            #expect(try region.decode(column: "n", as: Int.self) == 0)
            // Another city is fine.
            #expect(try await writer.generate(region: "329700", persons: 50, institutions: 6, seed: 6, month: "2026-11", by: Self.actor).persons == 50)
        }
    }
}
