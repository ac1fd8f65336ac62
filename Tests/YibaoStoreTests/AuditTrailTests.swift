import SQLKit
import Testing
import YibaoTestSupport
import YibaoCore
@testable import YibaoStore

/// Tampering with the stored log, directly in the database, is named by the verifier: which row,
/// and whether it was edited, deleted or inserted out of order.
@Suite struct AuditTrailTests {
    static func appendFive(_ db: any Database) async throws {
        for i in 1...5 {
            _ = try await db.write { sql in
                try await AuditTrail.append(AuditEvent(region: "350200", actor: "clerk\(i)", role: "enrolment_clerk",
                                                       action: "person.update", target: "person:\(i)",
                                                       before: "name=张三", after: "name=张三丰"), in: sql)
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func anUntouchedChainVerifies(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Self.appendFive(db)
            let report = try await AuditVerifier(database: db).verify()
            #expect(report.isIntact)
            #expect(report.rowsChecked == 5)
            let rows = try await db.read { sql in try await AuditTrail.recent(region: "350200", limit: 10, in: sql) }
            #expect(rows.map(\.seq) == [5, 4, 3, 2, 1])
            #expect(rows[1].hash == rows[0].prevHash)
        }
    }

    /// The link is `AuditHash` over the fields, whoever makes it (PostgreSQL makes it in SQL): texts of
    /// several-byte characters, colons, quotes and an empty field hash alike, and the head keeps the
    /// link before it.
    @Test(arguments: TestBackend.all)
    func linksAreTheSwiftHashOfTheFields(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            for i in 1...2 {
                try await db.write { sql in
                    try await AuditTrail.append(AuditEvent(region: "350200", actor: "审核员:甲\(i)", role: "auditor", action: "x'y",
                                                           target: "person:\(i)", before: "", after: "a:b||c 医保"), in: sql)
                }
            }
            let rows = try await db.read { sql in try await AuditTrail.recent(region: "350200", limit: 10, in: sql) }
            #expect(rows.map(\.seq) == [2, 1])
            #expect(rows.allSatisfy { $0.hash == AuditHash.compute($0) })
            #expect(rows[1].prevHash == AuditHash.genesis)
            #expect(rows[0].prevHash == rows[1].hash)
            let head = try await db.read { sql in
                try await sql.raw("SELECT seq, prev_hash, hash FROM audit_heads WHERE admdvs = '350200'").first()
            }
            #expect(try head?.decode(column: "seq", as: Int64.self) == 2)
            #expect(try head?.decode(column: "prev_hash", as: String.self) == rows[1].hash)
            #expect(try head?.decode(column: "hash", as: String.self) == rows[0].hash)
        }
    }

    @Test(arguments: TestBackend.all)
    func anEditedRowIsNamed(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Self.appendFive(db)
            try await db.write { sql in
                try await sql.raw("UPDATE audit_log SET after_summary = 'name=李四' WHERE admdvs = '350200' AND seq = 3").run()
            }
            let findings = try await AuditVerifier(database: db).verify().findings
            #expect(findings.count == 1)
            #expect(findings.first?.seq == 3)
            #expect(findings.first?.problem == .edited)
        }
    }

    @Test(arguments: TestBackend.all)
    func aDeletedRowIsNamed(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Self.appendFive(db)
            try await db.write { sql in try await sql.raw("DELETE FROM audit_log WHERE seq = 2").run() }
            let finding = try #require(try await AuditVerifier(database: db).verify().findings.first)
            #expect(finding.seq == 2)
            #expect(finding.problem == .deleted)
        }
    }

    @Test(arguments: TestBackend.all)
    func deletingTheNewestRowsIsNoticedThroughTheHead(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Self.appendFive(db)
            try await db.write { sql in try await sql.raw("DELETE FROM audit_log WHERE seq >= 4").run() }
            let finding = try #require(try await AuditVerifier(database: db).verify().findings.first)
            #expect(finding.seq == 4)
            #expect(finding.problem == .deleted)
        }
    }

    /// A forger who knows the algorithm rewrites row 2 with a self-consistent hash; row 3 no longer
    /// links to it, so the insertion is named at row 3.
    @Test(arguments: TestBackend.all)
    func aForgedSelfConsistentRowBreaksTheNextLink(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Self.appendFive(db)
            let rows = try await db.read { sql in try await AuditTrail.recent(region: "350200", limit: 10, in: sql) }
            var forged = try #require(rows.first { $0.seq == 2 })
            forged.actor = "intruder"
            forged.hash = AuditHash.compute(forged)
            let (actor, hash) = (forged.actor, forged.hash)
            try await db.write { sql in
                try await sql.raw("""
                    UPDATE audit_log SET actor = \(bind: actor), hash = \(bind: hash) WHERE seq = 2
                    """).run()
            }
            let finding = try #require(try await AuditVerifier(database: db).verify().findings.first)
            #expect(finding.seq == 3)
            #expect(finding.problem == .outOfOrder)
        }
    }

    /// Appends from many tasks at once still form one gap-free chain (row lock on PostgreSQL,
    /// single writer on SQLite).
    @Test(arguments: TestBackend.all)
    func concurrentAppendsKeepTheChainWhole(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<40 {
                    group.addTask { () async throws -> Void in
                        _ = try await db.write { sql in
                            try await AuditTrail.append(AuditEvent(region: "350200", actor: "u\(i)", role: "administrator",
                                                                   action: "test", target: "t\(i)"), in: sql)
                        }
                    }
                }
                try await group.waitForAll()
            }
            let report = try await AuditVerifier(database: db).verify()
            #expect(report.isIntact, "\(report.findings)")
            #expect(report.rowsChecked == 40)
        }
    }
}
