import SQLKit
import Testing
import YibaoTestSupport
import YibaoCore
@testable import YibaoStore

/// A failure anywhere inside `write` leaves nothing behind: not the rows written before it, not the
/// audit row that recorded them.
@Suite struct TransactionTests {
    struct Boom: Error {}

    @Test(arguments: TestBackend.all)
    func aThrownErrorRollsBackEveryRow(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let regions = RegionRepository(database: db)
            await #expect(throws: Boom.self) {
                try await db.write { sql in
                    try await regions.create(RegionRecord(admdvs: "350200", name: "厦门市"), by: .commandLine(region: "350200"), in: sql)
                    try await InstitutionRepository(database: db).create(
                        InstitutionRecord(admdvs: "350200", code: "H1", name: "医院", kind: "hospital", grade: "3A"),
                        by: .commandLine(region: "350200"), in: sql)
                    throw Boom()
                }
            }
            #expect(try await regions.all().isEmpty)
            #expect(try await InstitutionRepository(database: db).find("H1") == nil)
            let audit = try await db.read { sql in try await AuditTrail.recent(region: "350200", limit: 10, in: sql) }
            #expect(audit.isEmpty)
        }
    }

    @Test(arguments: TestBackend.all)
    func aConstraintViolationMidwayRollsBackTheEarlierRows(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let regions = RegionRepository(database: db)
            try await db.write { sql in
                try await regions.create(RegionRecord(admdvs: "350200", name: "厦门市"), by: .commandLine(region: "350200"), in: sql)
            }
            // The second insert breaks the primary key after the first succeeded inside the same transaction.
            await #expect(throws: (any Error).self) {
                try await db.write { sql in
                    try await sql.raw("INSERT INTO regions (admdvs, name, name_en, created_at) VALUES ('210500', '本溪市', '', 0)").run()
                    try await sql.raw("INSERT INTO regions (admdvs, name, name_en, created_at) VALUES ('350200', '重复', '', 0)").run()
                }
            }
            #expect(try await regions.all().map(\.admdvs) == ["350200"])
        }
    }

    @Test(arguments: TestBackend.all)
    func domainRulesRejectBadRegionsWithTheReason(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let regions = RegionRepository(database: db)
            do {
                try await db.write { sql in
                    try await regions.create(RegionRecord(admdvs: "3502", name: "厦门"), by: .commandLine(region: "350200"), in: sql)
                }
                Issue.record("a 4-digit region code was accepted")
            } catch let error as DomainError {
                #expect(error.path == "admdvs" || error.code.hasPrefix("REGION"))
            }
            #expect(try await regions.all().isEmpty)
        }
    }
}
