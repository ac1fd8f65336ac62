import SQLKit
import Synchronization
import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// `InstitutionRepository.find(_:)` keeps institutions it found (every HIS request looks its own up),
/// for a limited time, and never keeps a code it did not find.
@Suite struct InstitutionCacheTests {
    /// Forwards to a database and counts its read sessions.
    final class CountingReads: Database {
        let base: any Database
        let reads = Mutex(0)
        init(_ base: any Database) { self.base = base }
        var dialect: DatabaseDialect { base.dialect }
        var writerStatistics: WriterStatistics? { base.writerStatistics }
        func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
            reads.withLock { $0 += 1 }
            return try await base.read(body)
        }
        func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
            try await base.write(body)
        }
        func run() async { await base.run() }
        func shutdown() async { await base.shutdown() }
    }

    static let actor = AuditActor(name: "t", role: "administrator", region: "350200")

    @Test(arguments: TestBackend.all)
    func foundInstitutionsAreKeptMissingOnesAreNot(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await DemoData.load(into: db, bcryptCost: 4, logger: TestBackend.logger)
            let counting = CountingReads(db)
            let repository = InstitutionRepository(database: counting)
            let known = try #require(try await repository.find("H35020000001"))
            #expect(known.grade == "3A" && known.admdvs == "350200")
            #expect(try await repository.find("H35020000001") == known)
            #expect(counting.reads.withLock { $0 } == 1)

            // Not found twice, then created: found at once.
            #expect(try await repository.find("H35020099999") == nil)
            #expect(try await repository.find("H35020099999") == nil)
            #expect(counting.reads.withLock { $0 } == 3)
            let created = InstitutionRecord(admdvs: "350200", code: "H35020099999", name: "新建诊所", kind: "clinic", grade: "1")
            try await counting.write { sql in try await repository.create(created, by: Self.actor, in: sql) }
            #expect(try await repository.find("H35020099999") == created)

            // With no lifetime, every look-up reads.
            let uncached = InstitutionRepository(database: counting, keepFoundFor: .zero)
            let before = counting.reads.withLock { $0 }
            for _ in 0..<3 { #expect(try await uncached.find("H35020000001") == known) }
            #expect(counting.reads.withLock { $0 } == before + 3)
        }
    }
}
