import SQLKit
import Synchronization
import Testing
import YibaoCore
@testable import YibaoStore
import YibaoTestSupport

/// A basis reads the catalogue rows and declarations of its codes, the policy in force and W once and
/// then keeps them, until any change to the tables they come from — by any means, here a raw statement
/// as well as the repositories — makes the next basis read them again and see the change.
@Suite struct ReferenceCacheTests {
    /// The number the reference tables are at, as `sql` sees them.
    static func version(_ sql: any SQLDatabase) async throws -> Int64 {
        try await ReferenceCache.version(in: sql.first(StaticSQL(ReferenceCache.versionQuery)), column: "version")
    }

    /// The database, with every read session's statements counted.
    struct CountingReads: Database {
        let base: any Database
        let statements = SettlementStatementCountTests.CountingSQL.Tally()
        var dialect: DatabaseDialect { base.dialect }
        var writerStatistics: WriterStatistics? { nil }
        func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
            let tally = statements
            return try await base.read { sql in try await body(SettlementStatementCountTests.CountingSQL(sql, tally: tally)) }
        }
        func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
            try await base.write(body)
        }
        func run() async {}
        func shutdown() async {}
    }

    static let institution = "H35020000001"
    static let consultation = "110200001", bloodCount = "250101001"

    /// The demo loaded and a visit of 张伟's on 2026-11-20 registered, with a desk whose reads are counted.
    static func visitCounted(_ db: any Database) async throws -> (CountingReads, RealTimeSettlement, EncounterRecord) {
        try await DemoData.load(into: db, bcryptCost: 4, logger: TestBackend.logger)
        let counted = CountingReads(base: db)
        let desk = RealTimeSettlement(database: counted)
        let person = try await db.read { sql in try await PersonRepository.find(certno: DemoData.insuredCertno("张伟")!, in: sql) }.first!
        let encounter = try await db.write { sql in
            try await desk.register(psnNo: person.psnNo, insutype: "310", medType: "11", referral: false,
                                    begntime: LocalDate(year: 2026, month: 11, day: 20)!, iptOtpNo: "",
                                    institution: Self.institution, admission: false, in: sql)
        }
        return (counted, desk, encounter)
    }

    @Test(arguments: TestBackend.all)
    func keptRowsServeUntilEitherTableChanges(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let (counted, desk, encounter) = try await Self.visitCounted(db)
            /// The basis for the two codes, and the statements its read took.
            func basis() async throws -> (SettlementBasis, Int) {
                let before = counted.statements.count
                let basis = try await desk.basis(mdtrtID: encounter.mdtrtID, institution: Self.institution,
                                                 for: .upload(codes: [Self.consultation, Self.bloodCount, Self.consultation]))
                return (basis, counted.statements.count - before)
            }
            func read() async throws -> (FeeReference, Int) {
                let (basis, statements) = try await basis()
                return (basis.reference, statements)
            }
            let (first, cold) = try await read()
            #expect(first.codes == [Self.consultation, Self.bloodCount])
            #expect(first.catalogue[Self.consultation]?.priceCeiling == Money(yuan: 10))
            #expect(Set(first.declared.map(\.code)) == [Self.consultation, Self.bloodCount])

            // Kept: the same answer without the catalogue, declaration, policy and W queries.
            let (kept, warm) = try await read()
            #expect(warm == cold - 4)
            #expect(kept.catalogue == first.catalogue)
            #expect(kept.declared.count == first.declared.count)

            // A catalogue correction through the repository applies to the very next read.
            var corrected = try #require(first.catalogue[Self.consultation])
            corrected.priceCeiling = Money(fen: 1_234)
            try await db.write { [corrected] sql in try await CatalogueRepository(database: db).upsert(corrected, in: sql) }
            let (afterCorrection, reread) = try await read()
            #expect(reread == cold)
            #expect(afterCorrection.catalogue[Self.consultation]?.priceCeiling == Money(fen: 1_234))
            #expect(afterCorrection.catalogue[Self.bloodCount] == first.catalogue[Self.bloodCount])

            // A declaration withdrawn by a raw statement, outside every repository, too.
            try await db.write { sql in
                try await sql.raw("""
                    DELETE FROM institution_declared_items WHERE fixmedins_code = \(bind: Self.institution)
                    AND med_list_codg = \(bind: Self.bloodCount)
                    """).run()
            }
            let (afterWithdrawal, _) = try await read()
            #expect(afterWithdrawal.declared.map(\.code) == [Self.consultation])
            #expect(afterWithdrawal.catalogue[Self.consultation]?.priceCeiling == Money(fen: 1_234))

            // W for the year, set again through the repository.
            let (before, _) = try await basis()
            let year = before.policy.benefitYear.start(containing: before.date).year
            try await db.write { sql in
                try await RegionRepository(database: db).setParameters(region: before.person.admdvs, year: year,
                                                                        averageWage: before.averageWage + Money(yuan: 1), averagePension: nil,
                                                                        minimumWage: nil, by: .commandLine(region: before.person.admdvs), in: sql)
            }
            let (afterWage, rereadWage) = try await basis()
            #expect(rereadWage == cold)
            #expect(afterWage.averageWage == before.averageWage + Money(yuan: 1))

            // A code not in the catalogue is kept as absent, and found once it is added.
            let newCode = "ZZ0000001"
            let unknown = try await desk.basis(mdtrtID: encounter.mdtrtID, institution: Self.institution, for: .upload(codes: [newCode]))
            #expect(unknown.reference.codes == [newCode])
            #expect(unknown.reference.catalogue.isEmpty)
            var added = corrected
            added.code = newCode
            try await db.write { [added] sql in try await CatalogueRepository(database: db).upsert(added, in: sql) }
            let known = try await desk.basis(mdtrtID: encounter.mdtrtID, institution: Self.institution, for: .upload(codes: [newCode]))
            #expect(known.reference.catalogue[newCode]?.code == newCode)

            // The policy moved out of force by hand: the next basis finds none in force.
            try await db.write { sql in
                try await sql.raw("UPDATE policy_documents SET effective_from = '2099-01-01' WHERE admdvs = \(bind: before.person.admdvs)").run()
            }
            await #expect(throws: (any Error).self) { _ = try await basis() }
        }
    }

    /// A settlement's basis keeps the institution's designation history like the other reference rows:
    /// once kept, its eligibility reads only the person's events and bills; a suspension written by a
    /// raw statement applies to the very next settlement.
    @Test(arguments: TestBackend.all)
    func aKeptDesignationHistoryGivesWayToASuspension(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let (counted, desk, encounter) = try await Self.visitCounted(db)
            /// A settlement's basis (no lines uploaded: no catalogue reads) and the statements its read took.
            func basis() async throws -> (Eligibility?, Int) {
                let before = counted.statements.count
                let basis = try await desk.basis(mdtrtID: encounter.mdtrtID, institution: Self.institution, for: .settlement)
                return (basis.eligibility, counted.statements.count - before)
            }
            let (first, cold) = try await basis()
            #expect(first == .covered)
            // Kept: the institution, the encounter, the person, the unsettled codes, the enrolment events and
            // the open bills are read; the designation history is not.
            let (kept, warm) = try await basis()
            #expect(kept == .covered)
            #expect(warm == 6)
            #expect(cold > warm)
            try await db.write { sql in
                try await sql.raw("""
                    INSERT INTO institution_status (admdvs, fixmedins_code, begndate, status, reason, created_at, created_by)
                    VALUES ('350200', \(bind: Self.institution), '2026-11-01', 'suspended', '协议暂停', 0, 'test')
                    """).run()
            }
            let (suspended, reread) = try await basis()
            #expect(suspended == .notCovered(.institutionSuspended))
            #expect(reread > warm)
        }
    }

    /// A read at an older number than what is kept (a snapshot from before a change) reads the tables
    /// and leaves what is kept alone; past its limit the cache starts over.
    @Test(arguments: TestBackend.all)
    func olderSnapshotsReadTheTablesAndTheLimitHolds(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await DemoData.load(into: db, bcryptCost: 4, logger: TestBackend.logger)
            let cache = ReferenceCache(limit: 3)
            let codes = try await db.read { sql in
                try await sql.raw("SELECT med_list_codg FROM catalogue_items WHERE admdvs = '350200' AND insutype = '310' ORDER BY med_list_codg LIMIT 4")
                    .all().map { try $0.decode(column: "med_list_codg", as: String.self) }
            }
            try #require(codes.count == 4)
            /// The statements a read of `some` at `version` (the current one if nil) took.
            func statements(_ some: [String], at version: Int64? = nil) async throws -> Int {
                try await db.read { sql in
                    let current = try await Self.version(sql)
                    let counting = SettlementStatementCountTests.CountingSQL(sql)
                    let reference = try await cache.fees(some, region: "350200", insutype: "310", institution: Self.institution,
                                                         version: version ?? current, in: counting)
                    #expect(reference.codes == Set(some))
                    #expect(Set(reference.catalogue.keys) == Set(some))
                    return counting.tally.count
                }
            }
            let version = try await db.read { sql in try await Self.version(sql) }
            #expect(try await statements([codes[0], codes[1]]) == 2)
            #expect(try await statements([codes[0], codes[1]]) == 0)
            #expect(try await statements([codes[0]], at: version - 1) == 2)
            #expect(try await statements([codes[0], codes[1]]) == 0)
            // Two more codes would make four: the cache starts over with them.
            #expect(try await statements([codes[2], codes[3]]) == 2)
            #expect(try await statements([codes[2], codes[3]]) == 0)
            #expect(try await statements([codes[0]]) == 2)
        }
    }
}
