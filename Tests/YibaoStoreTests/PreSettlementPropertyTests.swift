import PropertyBased
import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// Pre-settlement (2206/2303) computes exactly what settlement (2207/2304) then pays, over random bills
/// for the Xiamen employees at the grade-3A demo hospital, one after another, so accounts run down and
/// accumulators grow between them.
@Suite struct PreSettlementPropertyTests {
    static let codes = ["110200001", "110200002", "250101001", "250301001", "310701001", "210300001", "210500001", "480000001"]
    static let names = ["张伟", "李娜", "林志强"]
    static let line = zip(Gen.int(in: 0...(codes.count - 1)), Gen.int64(in: 1...60_000), Gen.int(in: 1...3))

    @Test(arguments: TestBackend.all)
    func preSettlementEqualsSettlement(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await DemoData.load(into: db, bcryptCost: 4, logger: TestBackend.logger)
            let desk = RealTimeSettlement(database: db)
            let counter = AccountTransferTests.Counter()
            let date = LocalDate(year: 2026, month: 11, day: 20)!
            await propertyCheck(count: 25, input: Gen.int(in: 0...2), Self.line.array(of: 1...6)) { who, lines in
                let n = await counter.next(by: 1)
                let person = try await SettlementStoreTests.person(db, Self.names[who])
                let encounter = try await db.write { sql in
                    try await desk.register(psnNo: person.psnNo, insutype: "310", medType: "11", referral: false, begntime: date,
                                            iptOtpNo: "Q\(n)", institution: "H35020000001", admission: false, in: sql)
                }
                let basis = try await desk.basis(mdtrtID: encounter.mdtrtID, institution: "H35020000001")
                let fees = lines.enumerated().map { i, line in
                    let (code, priceFen, count) = line
                    return FeeDetail(feedetlSn: "Q\(n)-\(i)", code: Self.codes[code], medinsCode: DemoData.declaredCode(Self.codes[code]),
                                     amount: Money(fen: priceFen * Int64(count)), price: Money(fen: priceFen), countE4: Int64(count) * 10_000,
                                     date: date)
                }
                _ = try await db.write { sql in try await desk.uploadFees(fees, basis: basis, in: sql) }
                let total = fees.reduce(Money.zero) { $0 + $1.amount }
                let pre = try await desk.preSettle(basis: basis, medfeeSumamt: total)
                let settled = try await db.write { sql in
                    try await desk.settle(basis: basis, medfeeSumamt: total, msgid: "Q\(n)", by: SettlementStoreTests.actor, in: sql)
                }
                #expect(pre.settlement == settled.settlement)
                #expect(pre.lines == settled.lines)
                let s = settled.settlement
                #expect(s.medfeeSumamt == s.fundPaySumamt + s.acctPay + s.psnCashPay)
            }
        }
    }
}
