import Foundation
import SQLKit
import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// The settlement desk without HTTP: truly parallel settlements on one person, and one msgid raced by
/// ten concurrent retries.
@Suite struct SettlementStoreTests {
    static let actor = AuditActor(name: "test", role: "system_client", region: "350200")

    /// Registers a visit for 李娜 at the demo hospital with one 30.00 line (甲, in scope).
    static func visit(_ desk: RealTimeSettlement, _ db: any Database, psnNo: Int64, sn: String) async throws -> SettlementBasis {
        let encounter = try await db.write { sql in
            try await desk.register(psnNo: psnNo, insutype: "310", medType: "11", referral: false,
                                    begntime: LocalDate(year: 2026, month: 11, day: 20)!, iptOtpNo: sn,
                                    institution: "H35020000001", admission: false, in: sql)
        }
        let basis = try await desk.basis(mdtrtID: encounter.mdtrtID, institution: "H35020000001")
        _ = try await db.write { sql in
            try await desk.uploadFees([FeeDetail(feedetlSn: sn, code: "110200002", medinsCode: DemoData.declaredCode("110200002"),
                                                 amount: Money(yuan: 20), price: Money(yuan: 20), countE4: 10_000,
                                                 date: LocalDate(year: 2026, month: 11, day: 20)!),
                                       FeeDetail(feedetlSn: sn + "b", code: "110200001", medinsCode: DemoData.declaredCode("110200001"),
                                                 amount: Money(yuan: 10), price: Money(yuan: 10), countE4: 10_000,
                                                 date: LocalDate(year: 2026, month: 11, day: 20)!)],
                                      basis: basis, in: sql)
        }
        return basis
    }

    static func person(_ db: any Database, _ name: String) async throws -> PersonRecord {
        try await db.read { sql in try await PersonRepository.find(certno: DemoData.insuredCertno(name)!, in: sql) }.first!
    }

    /// 1,200.00 / 30.00 = 40 paid by the account, 10 in cash, balance 0; never a negative balance.
    @Test(arguments: TestBackend.all)
    func parallelSettlementsSerialisePerPerson(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await DemoData.load(into: db, bcryptCost: 4, logger: TestBackend.logger)
            let desk = RealTimeSettlement(database: db)
            let person = try await Self.person(db, "李娜")
            var bases: [SettlementBasis] = []
            for i in 0..<50 { bases.append(try await Self.visit(desk, db, psnNo: person.psnNo, sn: "P\(i)")) }
            let bills = try await withThrowingTaskGroup(of: SettledBill.self) { group in
                for (i, basis) in bases.enumerated() {
                    group.addTask {
                        try await db.write { sql in
                            try await desk.settle(basis: basis, medfeeSumamt: Money(yuan: 30), msgid: "M\(i)", by: Self.actor, in: sql)
                        }
                    }
                }
                var all: [SettledBill] = []
                for try await bill in group { all.append(bill) }
                return all
            }
            #expect(bills.map(\.settlement.acctPay.fen).reduce(0, +) == 120_000)
            #expect(bills.filter { $0.settlement.acctPay == Money(yuan: 30) }.count == 40)
            #expect(try await PersonRepository(database: db).account(admdvs: "350200", psnNo: person.psnNo).total == .zero)
            // Balances seen by the settlements, in order of payment, run 1,170 … 0 without repeating.
            let after = bills.filter { !$0.settlement.acctPay.isZero }.map(\.settlement.balc.fen).sorted()
            #expect(after == (0..<40).map { Int64($0) * 3_000 })
        }
    }

    /// Ten concurrent admissions of 96,000.00 each for 王建国 (Xiamen, W 124,000.00): the first alone
    /// would have the pool pay 85% × (96,000.00 − 6,200.00) = 76,330.00, above the 53,000.00 cap, so the
    /// pool pays exactly 53,000.00 in all and the supplementary layer (90% above the cap, at most
    /// 150,000.00 a year) exactly 150,000.00 — whatever order the settlements run in. On PostgreSQL two
    /// connections take the ten, so that most find the account lock prepared and send the reads after
    /// it without waiting (`SQLDatabase.first(_:_:as:then:)`): they must still see the accumulators as
    /// they stood once the lock was theirs.
    @Test(arguments: TestBackend.all)
    func parallelAdmissionsNeverPassACap(backend: TestBackend) async throws {
        try await backend.withDatabase(poolMaxConnections: 2) { db in
            try await DemoData.load(into: db, bcryptCost: 4, logger: TestBackend.logger)
            let desk = RealTimeSettlement(database: db)
            let person = try await Self.person(db, "王建国")
            let day: @Sendable (Int) -> LocalDate = { LocalDate(year: 2026, month: 11, day: $0)! }
            var bases: [SettlementBasis] = []
            for i in 0..<10 {
                let encounter = try await db.write { sql in
                    try await desk.register(psnNo: person.psnNo, insutype: "310", medType: "21", referral: false, begntime: day(1),
                                            iptOtpNo: "Z\(i)", institution: "H35020000001", admission: true, in: sql)
                }
                let open = try await desk.basis(mdtrtID: encounter.mdtrtID, institution: "H35020000001")
                _ = try await db.write { sql in
                    try await desk.uploadFees([FeeDetail(feedetlSn: "Z\(i)", code: "331003001", medinsCode: DemoData.declaredCode("331003001"),
                                                         amount: Money(yuan: 96_000), price: Money(yuan: 1_200), countE4: 800_000,
                                                         date: day(2))], basis: open, in: sql)
                }
                _ = try await db.write { sql in
                    try await desk.discharge(mdtrtID: encounter.mdtrtID, endtime: day(10), institution: "H35020000001", in: sql)
                }
                bases.append(try await desk.basis(mdtrtID: encounter.mdtrtID, institution: "H35020000001"))
            }
            let bills = try await withThrowingTaskGroup(of: SettledBill.self) { group in
                for (i, basis) in bases.enumerated() {
                    group.addTask {
                        try await db.write { sql in
                            try await desk.settle(basis: basis, medfeeSumamt: Money(yuan: 96_000), msgid: "Z\(i)", by: Self.actor, in: sql)
                        }
                    }
                }
                var all: [SettledBill] = []
                for try await bill in group { all.append(bill) }
                return all
            }
            #expect(bills.map(\.settlement.funds.hifp.fen).reduce(0, +) == 5_300_000)
            #expect(bills.map(\.settlement.funds.hifob.fen).reduce(0, +) == 15_000_000)
            #expect(bills.allSatisfy { $0.settlement.medfeeSumamt == $0.settlement.fundPaySumamt + $0.settlement.acctPay + $0.settlement.psnCashPay })
            let last = try #require(bills.max { $0.settlement.accumulators.admissions < $1.settlement.accumulators.admissions })
            #expect(last.settlement.accumulators.admissions == 10)
            #expect(last.settlement.accumulators.fundPaid.hifp == Money(yuan: 53_000))
        }
    }

    /// Ten concurrent deliveries of one msgid: one settlement, one answer.
    @Test(arguments: TestBackend.all)
    func oneMsgidSettlesOnceUnderConcurrentRetries(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await DemoData.load(into: db, bcryptCost: 4, logger: TestBackend.logger)
            let desk = RealTimeSettlement(database: db)
            let person = try await Self.person(db, "李娜")
            let basis = try await Self.visit(desk, db, psnNo: person.psnNo, sn: "R1")
            let answers = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        try await HISMessageLog.answerOnce(admdvs: "350200", institution: "H35020000001", msgid: "SAME", infno: "2207",
                                                           requestSHA256: "h", in: db) { sql in
                            let bill = try await desk.settle(basis: basis, medfeeSumamt: Money(yuan: 30), msgid: "SAME",
                                                             by: Self.actor, in: sql)
                            return "setl_id=\(bill.setlID!)"
                        }
                    }
                }
                var all: [String] = []
                for try await answer in group { all.append(answer) }
                return all
            }
            #expect(Set(answers).count == 1)
            let settlements = try await db.read { sql in try await sql.raw("SELECT COUNT(*) AS n FROM settlements").first() }
            #expect(try settlements?.decode(column: "n", as: Int.self) == 1)
            #expect(try await PersonRepository(database: db).account(admdvs: "350200", psnNo: person.psnNo).total == Money(yuan: 1170))
        }
    }

    /// A basis read before a line was uploaded does not cover that line's code: the transaction reads
    /// its catalogue row and declaration itself, and the bill is the one a fresh basis computes.
    @Test(arguments: TestBackend.all)
    func aLineUploadedAfterTheBasisIsClassifiedInTheTransaction(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await DemoData.load(into: db, bcryptCost: 4, logger: TestBackend.logger)
            let desk = RealTimeSettlement(database: db)
            let person = try await Self.person(db, "李娜")
            let first = try await Self.visit(desk, db, psnNo: person.psnNo, sn: "R")
            let early = try await desk.basis(mdtrtID: first.encounter.mdtrtID, institution: "H35020000001")
            #expect(early.reference.codes == ["110200002", "110200001"])
            let date = LocalDate(year: 2026, month: 11, day: 20)!
            let upload = try await desk.basis(mdtrtID: first.encounter.mdtrtID, institution: "H35020000001",
                                              for: .upload(codes: ["250101001"]))
            _ = try await db.write { sql in
                try await desk.uploadFees([FeeDetail(feedetlSn: "Rc", code: "250101001", medinsCode: DemoData.declaredCode("250101001"),
                                                      amount: Money(yuan: 15), price: Money(yuan: 15), countE4: 10_000, date: date)],
                                          basis: upload, in: sql)
            }
            let fresh = try await desk.preSettle(basis: desk.basis(mdtrtID: first.encounter.mdtrtID, institution: "H35020000001"),
                                                 medfeeSumamt: Money(yuan: 45))
            let bill = try await db.write { sql in
                try await desk.settle(basis: early, medfeeSumamt: Money(yuan: 45), msgid: "R1", by: Self.actor, in: sql)
            }
            #expect(bill.lines.map(\.fee.code) == ["110200002", "110200001", "250101001"])
            let added = try #require(bill.lines.last)
            #expect(!added.name.isEmpty && added.declared && added.result.listClass != .outOfCatalogue)
            #expect(bill.lines == fresh.lines)
            #expect(bill.settlement == fresh.settlement)
            #expect(bill.settlement.medfeeSumamt == Money(yuan: 45))
        }
    }
}
