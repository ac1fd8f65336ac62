import Foundation
import SQLKit
import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// Issue 4 in the settlement path: stored enrolment events and unpaid bills reach the engine with the
/// reason, and payments clear the oldest debt first.
@Suite struct RegistryEligibilityTests {
    static let actor = AuditActor(name: "test", role: "collection_clerk", region: "350200")
    static let visitDay = LocalDate(year: 2026, month: 11, day: 20)!

    static func day(_ text: String) -> LocalDate { try! LocalDate.parse(text) }

    /// A new Xiamen person enrolled on `enrolled` with 500.00 in the first-level account.
    static func enrol(_ db: any Database, category: PersonCategory, sequence: Int, enrolled: String) async throws -> PersonRecord {
        let birth = day("1990-06-01")
        let certno = try IdentityNumber.make(region: RegionCode.parse("350200"), birthDate: birth, sequence: sequence, sex: .male).value
        return try await db.write { sql in
            try await PersonRepository(database: db).create(
                PersonRecord(admdvs: "350200", certno: certno, name: "测试\(sequence)", sex: .male, birthDate: birth, category: category,
                             insutype: "310", enrolBegin: day(enrolled)),
                account: AccountBalances(firstLevel: Money(yuan: 500)), by: actor, in: sql)
        }
    }

    static func settle(_ db: any Database, _ person: PersonRecord, sn: String) async throws -> Settlement {
        let desk = RealTimeSettlement(database: db)
        let basis = try await SettlementStoreTests.visit(desk, db, psnNo: person.psnNo, sn: sn)
        return try await db.write { sql in
            try await desk.settle(basis: basis, medfeeSumamt: Money(yuan: 30), msgid: "M-" + sn, by: actor, in: sql)
        }.settlement
    }

    static func coverage(_ db: any Database, _ person: PersonRecord, _ date: LocalDate) async throws -> CoverageAnswer {
        let policy = try #require(try await PolicyRepository(database: db).inForce(region: "350200", insutype: "310", on: date)?
            .section(ContributionPolicy.self))
        return try await db.read { sql in try await CoverageQuery.answer(for: person, on: date, policy: policy, in: sql) }
    }

    /// The demo loaded, with 张伟's September 2026 contribution (800.00 + 200.00, due 2026-10-15) unpaid.
    static func zhangWeiOwingSeptember(_ db: any Database) async throws -> PersonRecord {
        try await DemoData.load(into: db, bcryptCost: 4, logger: TestBackend.logger)
        let person = try await SettlementStoreTests.person(db, "张伟")
        _ = try await db.write { sql in
            try await ContributionBillRepository.insert(
                ContributionBill(admdvs: "350200", employerID: 0, psnNo: person.psnNo, month: "2026-09", employerShare: Money(yuan: 800),
                                 individualShare: Money(yuan: 200), dueDate: Self.day("2026-10-15")), in: sql)
        }
        return person
    }

    /// A Xiamen business owner enrolled 2026-10-01 waits 6 months, October counted as the first
    /// (L101): until 2027-04-01, account only. The 30.00 visit on 2026-11-20 is paid by the account
    /// alone (30.00 of 500.00), the funds pay 0, and the reason is the waiting period.
    @Test(arguments: TestBackend.all)
    func waitingPeriodPaysFromTheAccountOnly(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await DemoData.load(into: db, bcryptCost: 4, logger: TestBackend.logger)
            let owner = try await Self.enrol(db, category: .businessOwner, sequence: 901, enrolled: "2026-10-01")
            #expect(try await Self.coverage(db, owner, Self.visitDay).status == .waitingPeriod(until: Self.day("2027-04-01"), accountOnly: true))
            let s = try await Self.settle(db, owner, sn: "W1")
            #expect(s.fundPaySumamt == .zero)
            #expect(s.acctPay == Money(yuan: 30))
            #expect(s.explanation.contains { $0.kind == .accountOnly && $0.reason == .waitingPeriod })
            #expect(try await Self.coverage(db, owner, Self.day("2027-04-01")).status == .covered)
        }
    }

    /// 张伟's September 2026 contribution (800.00 + 200.00) was due 2026-10-15 and is unpaid: on
    /// 2026-11-20 he is in arrears since 2026-10-16, the funds pay nothing for the visit and the
    /// account nothing either. 600.00 paid on 2026-11-21 leaves 400.00 owing (still in arrears);
    /// 400.00 more on 2026-11-22 clears it and he is covered again that day.
    @Test(arguments: TestBackend.all)
    func arrearsStopFundPayments(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let person = try await Self.zhangWeiOwingSeptember(db)
            #expect(try await Self.coverage(db, person, Self.visitDay).status == .arrears(since: Self.day("2026-10-16")))
            #expect(try await Self.coverage(db, person, Self.day("2026-10-15")).status == .covered)
            let s = try await Self.settle(db, person, sn: "A1")
            #expect(s.fundPaySumamt == .zero)
            #expect(s.acctPay == .zero)
            #expect(s.psnCashPay == Money(yuan: 30))
            #expect(s.explanation.contains { $0.kind == .notCovered && $0.reason == .arrears })
            // The region's arrears report (Xiamen: 0.05% a day from the day after the due date). On 2026-11-20:
            // 16 October + 20 November days = 36 × 0.50 = 18.00. On 2027-01-20: 16 + 30 + 31 + 20 = 97 days
            // → 48.50, and 3 whole months overdue since 2027-01-15 → the centre director's step.
            let november = try await ArrearsReport.compute(region: "350200", on: Self.visitDay, database: db)
            #expect(november.debts == 1)
            #expect(november.persons == 1)
            #expect(november.outstanding == Money(yuan: 1000))
            #expect(november.lateFees == Money(fen: 1800))
            #expect(november.escalations.isEmpty)
            let january = try await ArrearsReport.compute(region: "350200", on: Self.day("2027-01-20"), listing: true, database: db)
            #expect(january.lateFees == Money(fen: 4850))
            #expect(january.escalations == ["centre_director": 1])
            #expect(january.lines == [ArrearsReport.Line(psnNo: person.psnNo, employerID: 0, month: "2026-09", outstanding: Money(yuan: 1000),
                                                         lateFee: Money(fen: 4850), monthsOverdue: 3, level: "centre_director")])
            #expect(november.lines.isEmpty, "no list unless asked for")
            for (line, yuan, paid) in [(1, 600, "2026-11-21"), (2, 400, "2026-11-22")] {
                _ = try await db.write { sql in
                    try await PaymentAllocation.record(admdvs: "350200", statement: "S1", lineNo: line, payer: person.certno, employerID: 0,
                                                       psnNo: person.psnNo, amount: Money(yuan: Int64(yuan)), paidOn: Self.day(paid),
                                                       by: Self.actor, in: sql)
                }
            }
            #expect(try await Self.coverage(db, person, Self.day("2026-11-21")).status == .arrears(since: Self.day("2026-10-16")))
            #expect(try await Self.coverage(db, person, Self.day("2026-11-22")).status == .covered)
            // A date inside the debt stays uncovered after it is paid: costs incurred in arrears are never paid.
            #expect(try await Self.coverage(db, person, Self.visitDay).status == .arrears(since: Self.day("2026-10-16")))
            // A deferral agreement over the whole period keeps benefits and stops the fee (002 L27).
            try await db.write { sql in
                try await DeferralRepository.record(admdvs: "350200", employerID: 0, psnNo: person.psnNo,
                                                    deferral: Deferral(from: Self.day("2026-10-01"), through: Self.day("2026-12-31")),
                                                    reason: "困难企业缓缴", by: Self.actor, in: sql)
            }
            #expect(try await Self.coverage(db, person, Self.visitDay).status == .covered)
        }
    }

    /// Bills August 1,000.00 (due 09-15) and September 1,000.00 (due 10-15). 1,500.00 clears August and
    /// pays 500.00 of September; 700.00 then clears September's 500.00 and leaves 200.00 unallocated.
    /// The same line imported twice is refused.
    @Test(arguments: TestBackend.all)
    func paymentsClearTheOldestDebtFirst(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await DemoData.load(into: db, bcryptCost: 4, logger: TestBackend.logger)
            let person = try await SettlementStoreTests.person(db, "李娜")
            for (month, due) in [("2026-09", "2026-10-15"), ("2026-08", "2026-09-15")] {
                _ = try await db.write { sql in
                    try await ContributionBillRepository.insert(
                        ContributionBill(admdvs: "350200", employerID: 0, psnNo: person.psnNo, month: month, employerShare: Money(yuan: 800),
                                         individualShare: Money(yuan: 200), dueDate: Self.day(due)), in: sql)
                }
            }
            func pay(_ line: Int, _ yuan: Int64) async throws -> PaymentAllocation {
                try await db.write { sql in
                    try await PaymentAllocation.record(admdvs: "350200", statement: "S2", lineNo: line, payer: person.certno, employerID: 0,
                                                       psnNo: person.psnNo, amount: Money(yuan: yuan), paidOn: Self.day("2026-10-20"),
                                                       by: Self.actor, in: sql)
                }
            }
            let first = try await pay(1, 1500)
            let bills = try await db.read { sql in
                try await ContributionBillRepository.bills(admdvs: "350200", psnNo: person.psnNo, openOnly: false, in: sql)
            }
            #expect(bills.map(\.month) == ["2026-08", "2026-09"])
            #expect(first.applied.map(\.amount) == [Money(yuan: 1000), Money(yuan: 500)])
            #expect(first.applied.map(\.billID) == bills.map(\.id))
            #expect(bills.map(\.clearedOn) == [Self.day("2026-10-20"), nil])
            #expect(first.unallocated == .zero)
            let second = try await pay(2, 700)
            #expect(second.applied.map(\.amount) == [Money(yuan: 500)])
            #expect(second.unallocated == Money(yuan: 200))
            await #expect(throws: DomainError.self) { _ = try await pay(2, 700) }
        }
    }

    /// Enrolling a registered person again is refused naming the scheme held; interruption and
    /// resumption are stored and replayed.
    @Test(arguments: TestBackend.all)
    func enrolmentEventsPersistAndRefuseASecondScheme(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await DemoData.load(into: db, bcryptCost: 4, logger: TestBackend.logger)
            let person = try await SettlementStoreTests.person(db, "李娜")
            let error = await #expect(throws: DomainError.self) {
                try await db.write { sql in
                    try await EnrolmentRepository.append(
                        .enrolled(on: Self.day("2026-01-01"), scheme: InsuredScheme(region: try RegionCode.parse("210500"), insutype: .residentBasic),
                                  category: .residentAdult),
                        admdvs: person.admdvs, psnNo: person.psnNo, by: Self.actor, in: sql)
                }
            }
            #expect(error?.code == "ENROLMENT_DUPLICATE")
            #expect(error?.message.contains("350200") == true)
            _ = try await db.write { sql in
                try await EnrolmentRepository.append(.interrupted(on: Self.day("2026-01-01")), admdvs: person.admdvs, psnNo: person.psnNo,
                                                     by: Self.actor, in: sql)
            }
            #expect(try await Self.coverage(db, person, Self.day("2026-02-01")).status == .interrupted(since: Self.day("2026-01-01")))
            let history = try await db.read { sql in try await EnrolmentRepository.history(admdvs: person.admdvs, psnNo: person.psnNo, in: sql) }
            #expect(history.events.count == 2)
        }
    }

    /// Registration (2201) reads the enrolment events, not the person row: a new employee enrolled
    /// 2026-10-01 and terminated (emigration) 2026-11-01 still has `enrol_begin` and no `enrol_end` on her
    /// row, yet a visit on 2026-11-20 is refused naming the termination, while one on 2026-10-20 (inside
    /// the enrolment, in the waiting period) is registered. A visit in another scheme is refused too.
    @Test(arguments: TestBackend.all)
    func registrationFollowsTheEnrolmentEvents(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await DemoData.load(into: db, bcryptCost: 4, logger: TestBackend.logger)
            let person = try await Self.enrol(db, category: .employee, sequence: 903, enrolled: "2026-10-01")
            _ = try await db.write { sql in
                try await EnrolmentRepository.append(.terminated(on: Self.day("2026-11-01"), reason: .emigration), admdvs: person.admdvs,
                                                     psnNo: person.psnNo, by: Self.actor, in: sql)
            }
            let desk = RealTimeSettlement(database: db)
            func register(_ insutype: String, _ day: String) async throws -> EncounterRecord {
                try await db.write { sql in
                    try await desk.register(psnNo: person.psnNo, insutype: insutype, medType: "11", referral: false, begntime: Self.day(day),
                                            iptOtpNo: "R-\(day)", institution: "H35020000001", admission: false, in: sql)
                }
            }
            let after = await #expect(throws: DomainError.self) { _ = try await register("310", "2026-11-20") }
            #expect(after?.code == "PERSON_NOT_COVERED")
            #expect(after?.message.contains("参保已于 2026-11-01 终止") == true)
            #expect(try await register("310", "2026-10-20").status == .open)
            let scheme = await #expect(throws: DomainError.self) { _ = try await register("390", "2026-10-20") }
            #expect(scheme?.code == "PERSON_NOT_COVERED")
        }
    }

    /// A status recorded after registration counts from its first day: 张伟 is 低保 from 2026-11-01 (ended
    /// 2026-11-30), so the settlement of a visit on 2026-11-20 sees `dibao` and one on 2026-10-20 or
    /// 2026-12-05 does not. A second 低保 period overlapping the first is refused.
    @Test(arguments: TestBackend.all)
    func settlementSeesTheStatusesOfTheDay(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await DemoData.load(into: db, bcryptCost: 4, logger: TestBackend.logger)
            let person = try await SettlementStoreTests.person(db, "张伟")
            try await db.write { sql in
                try await PersonRepository.recordStatus(StatusPeriod(status: .dibao, from: Self.day("2026-11-01")), admdvs: person.admdvs,
                                                        psnNo: person.psnNo, by: Self.actor, in: sql)
                try await PersonRepository.endStatus(.dibao, through: Self.day("2026-11-30"), admdvs: person.admdvs, psnNo: person.psnNo,
                                                     by: Self.actor, in: sql)
            }
            let overlap = await #expect(throws: DomainError.self) {
                try await db.write { sql in
                    try await PersonRepository.recordStatus(StatusPeriod(status: .dibao, from: Self.day("2026-11-15")), admdvs: person.admdvs,
                                                            psnNo: person.psnNo, by: Self.actor, in: sql)
                }
            }
            #expect(overlap?.code == "STATUS_OVERLAP")
            let desk = RealTimeSettlement(database: db)
            for (day, held) in [("2026-10-20", false), ("2026-11-20", true), ("2026-12-05", false)] {
                let encounter = try await db.write { sql in
                    try await desk.register(psnNo: person.psnNo, insutype: "310", medType: "11", referral: false, begntime: Self.day(day),
                                            iptOtpNo: "S-\(day)", institution: "H35020000001", admission: false, in: sql)
                }
                let basis = try await desk.basis(mdtrtID: encounter.mdtrtID, institution: "H35020000001")
                #expect(basis.person.statuses.contains(.dibao) == held, "\(day)")
            }
        }
    }

    /// A settlement's eligibility asks about arrears on its settlement date: the discharge, else the date
    /// asked for, else the admission. 张伟's bill due 2026-10-15 is unpaid; an admission on 2026-10-10
    /// is covered on its own date and in arrears asked for 2026-10-20, and once discharged on 2026-10-14
    /// it is covered again whatever date is asked for.
    @Test(arguments: TestBackend.all)
    func arrearsAreAskedOnTheSettlementDate(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let person = try await Self.zhangWeiOwingSeptember(db)
            let desk = RealTimeSettlement(database: db)
            let encounter = try await db.write { sql in
                try await desk.register(psnNo: person.psnNo, insutype: "310", medType: "21", referral: false, begntime: Self.day("2026-10-10"),
                                        iptOtpNo: "Z-ARR", institution: "H35020000001", admission: true, in: sql)
            }
            func eligibility(asOf: String?) async throws -> Eligibility? {
                try await desk.basis(mdtrtID: encounter.mdtrtID, institution: "H35020000001", asOf: asOf.map(Self.day)).eligibility
            }
            #expect(try await eligibility(asOf: nil) == .covered)
            #expect(try await eligibility(asOf: "2026-10-15") == .covered, "due that day, not yet owed")
            #expect(try await eligibility(asOf: "2026-10-20") == .notCovered(.arrears))
            _ = try await db.write { sql in
                try await desk.discharge(mdtrtID: encounter.mdtrtID, endtime: Self.day("2026-10-14"), institution: "H35020000001", in: sql)
            }
            #expect(try await eligibility(asOf: "2026-10-20") == .covered)
        }
    }
}
