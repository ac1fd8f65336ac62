import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// `PolicyRepository.inForce` reuses parsed documents by (doc_id, text digest): a second database
/// holding a different text under the same doc_id must get its own text, never the cached one.
@Suite struct ParsedPoliciesTests {
    static let actor = AuditActor(name: "test", role: "administrator", region: "350200")

    static func inForceTitle(_ backend: TestBackend, title: String) async throws -> String? {
        let preset = try PolicyPresets.document(PolicyPresets.xiamenEmployee)
        let original = try #require(preset.metadata.title)
        let text = preset.text.replacingOccurrences(of: "title: \(original)", with: "title: \(title)")
        let document = try PolicyDocument.load(text: text, file: "test")
        return try await backend.withDatabase { db in
            try await db.write { sql in
                try await RegionRepository(database: db).create(RegionRecord(admdvs: "350200", name: "厦门市", nameEn: "Xiamen"),
                                                                by: actor, in: sql)
                try await PolicyRepository(database: db).store(document, by: actor, in: sql)
            }
            let repository = PolicyRepository(database: db)
            let day = LocalDate(year: 2026, month: 11, day: 20)!
            // Asked twice: the second answer comes from the cache and must be the same document.
            let first = try await repository.inForce(region: "350200", insutype: "310", on: day)
            let second = try await repository.inForce(region: "350200", insutype: "310", on: day)
            #expect(first?.metadata.id == "xiamen-employee-2025")
            #expect(first?.text == second?.text)
            return second?.metadata.title
        }
    }

    @Test(arguments: TestBackend.all)
    func sameIdDifferentTextIsNotConfused(_ backend: TestBackend) async throws {
        #expect(try await Self.inForceTitle(backend, title: "版本甲") == "版本甲")
        #expect(try await Self.inForceTitle(backend, title: "版本乙") == "版本乙")
    }
}
