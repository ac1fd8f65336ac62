import SQLKit
import Synchronization
import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// A basis reads the catalogue rows and declarations of its codes once and then keeps them, until any
/// change to either table — by any means, here a raw statement as well as the repositories — makes the
/// next basis read them again and see the change.
@Suite struct ReferenceCacheTests {
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

    @Test(arguments: TestBackend.all)
    func keptRowsServeUntilEitherTableChanges(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await DemoData.load(into: db, bcryptCost: 4, logger: TestBackend.logger)
            let counted = CountingReads(base: db)
            let desk = RealTimeSettlement(database: counted)
            let person = try await db.read { sql in try await PersonRepository.find(certno: DemoData.insuredCertno("张伟")!, in: sql) }.first!
            let encounter = try await db.write { sql in
                try await desk.register(psnNo: person.psnNo, insutype: "310", medType: "11", referral: false,
                                        begntime: LocalDate(year: 2026, month: 11, day: 20)!, iptOtpNo: "",
                                        institution: Self.institution, admission: false, in: sql)
            }
            /// The reference for the two codes, and the statements its basis read took.
            func read() async throws -> (FeeReference, Int) {
                let before = counted.statements.count
                let basis = try await desk.basis(mdtrtID: encounter.mdtrtID, institution: Self.institution,
                                                 for: .upload(codes: [Self.consultation, Self.bloodCount, Self.consultation]))
                return (basis.reference, counted.statements.count - before)
            }
            let (first, cold) = try await read()
            #expect(first.codes == [Self.consultation, Self.bloodCount])
            #expect(first.catalogue[Self.consultation]?.priceCeiling == Money(yuan: 10))
            #expect(Set(first.declared.map(\.code)) == [Self.consultation, Self.bloodCount])

            // Kept: the same answer without the catalogue and declaration queries.
            let (kept, warm) = try await read()
            #expect(warm == cold - 2)
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
        }
    }
}
