import Foundation
import Logging
import NIOCore
import SQLKit
import Synchronization
import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// A settlement runs a fixed number of statements whatever the number of fee lines: catalogue rows,
/// declarations and settlement lines are read and written with one statement each — and none of the
/// reference reads when the basis brought them.
@Suite struct SettlementStatementCountTests {
    /// Forwards to a session and counts the statements sent through it.
    final class CountingSQL: ForwardingSQLDatabase, @unchecked Sendable {
        /// A count that several sessions may add to.
        final class Tally: Sendable {
            private let value = Mutex(0)
            var count: Int { value.withLock { $0 } }
            func add() { value.withLock { $0 += 1 } }
        }
        let base: any SQLDatabase
        let tally: Tally
        init(_ base: any SQLDatabase, tally: Tally = Tally()) {
            self.base = base
            self.tally = tally
        }
        func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
            tally.add()
            return base.execute(sql: query, onRow)
        }
        func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
            tally.add()
            try await base.execute(sql: query, onRow)
        }
    }

    /// With `readAhead`, the basis is read again after the upload, as the HIS layer does, and brings the
    /// lines' catalogue rows and declarations. Without, the settlement uses the basis read before the
    /// upload, which knew no lines, so the transaction reads those itself.
    static func statements(lines: Int, readAhead: Bool, desk: RealTimeSettlement, db: any Database, psnNo: Int64) async throws -> Int {
        let date = LocalDate(year: 2026, month: 11, day: 20)!
        let encounter = try await db.write { sql in
            try await desk.register(psnNo: psnNo, insutype: "310", medType: "11", referral: false, begntime: date, iptOtpNo: "",
                                    institution: "H35020000001", admission: false, in: sql)
        }
        let basis = try await desk.basis(mdtrtID: encounter.mdtrtID, institution: "H35020000001")
        let fees = (0..<lines).map {
            FeeDetail(feedetlSn: "L\($0)", code: $0 % 2 == 0 ? "110200001" : "250101001",
                      medinsCode: DemoData.declaredCode($0 % 2 == 0 ? "110200001" : "250101001"),
                      amount: Money(yuan: 10), price: Money(yuan: 10), countE4: 10_000, date: date)
        }
        _ = try await db.write { sql in try await desk.uploadFees(fees, basis: basis, in: sql) }
        let settling = readAhead ? try await desk.basis(mdtrtID: encounter.mdtrtID, institution: "H35020000001") : basis
        #expect(settling.reference.codes.count == (readAhead ? 2 : 0))
        #expect(settling.eligibility != nil)
        return try await db.write { sql in
            let counting = CountingSQL(sql)
            _ = try await desk.settle(basis: settling, medfeeSumamt: Money(yuan: Int64(10 * lines)), msgid: "C\(lines)-\(readAhead)",
                                      by: AuditActor(name: "t", role: "system_client", region: "350200"), in: counting)
            return counting.tally.count
        }
    }

    @Test(arguments: TestBackend.all)
    func statementsDoNotGrowWithLines(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await DemoData.load(into: db, bcryptCost: 4, logger: TestBackend.logger)
            let desk = RealTimeSettlement(database: db)
            let person = try await db.read { sql in try await PersonRepository.find(certno: DemoData.insuredCertno("张伟")!, in: sql) }.first!
            let small = try await Self.statements(lines: 2, readAhead: false, desk: desk, db: db, psnNo: person.psnNo)
            let large = try await Self.statements(lines: 60, readAhead: false, desk: desk, db: db, psnNo: person.psnNo)
            #expect(small == large)
            #expect(small <= 19, "statements per settlement: \(small)")
            // Both bases carry the eligibility answer; read after the upload, the basis also brings the
            // lines' catalogue rows and declarations, and the transaction leaves out those two reads.
            let aheadSmall = try await Self.statements(lines: 2, readAhead: true, desk: desk, db: db, psnNo: person.psnNo)
            let aheadLarge = try await Self.statements(lines: 60, readAhead: true, desk: desk, db: db, psnNo: person.psnNo)
            #expect(aheadSmall == aheadLarge)
            #expect(aheadSmall == small - 2, "statements per settlement read ahead: \(aheadSmall), in the transaction: \(small)")
            // On PostgreSQL the writes are held and go out as one statement with COMMIT (`runDeferred`):
            // what the settlement itself sends are its four reads (the account, locked; the encounter; its lines;
            // the accumulators, read after the lock: joined to the locking read, PostgreSQL would give the
            // accumulators as they were before a lock wait).
            #expect(backend == .sqlite || aheadSmall == 4, "statements sent by a settlement on PostgreSQL: \(aheadSmall)")
        }
    }
}
