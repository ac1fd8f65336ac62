import Foundation
import PropertyBased
import SQLKit
import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// Personal accounts beyond monthly credits (docs/enrolment-and-contributions.md §8–9): annual crediting,
/// retirees' 6% of pension, transfer of the balance on a region change, inheritance on death — each a
/// balanced movement, with the balance rows always equal to the ledger.
@Suite struct AccountTransferTests {
    static let actor = AuditActor(name: "test", role: "administrator", region: "329900")
    static let region = "329900"

    static func day(_ text: String) -> LocalDate { try! LocalDate.parse(text) }

    static func person(_ db: any Database, born: String, sequence: Int, category: PersonCategory = .employee,
                       account: AccountBalances = AccountBalances()) async throws -> PersonRecord {
        let certno = try IdentityNumber.make(region: RegionCode.parse(region), birthDate: day(born), sequence: sequence, sex: .male).value
        return try await db.write { sql in
            try await PersonRepository(database: db).create(
                PersonRecord(admdvs: region, certno: certno, name: "账户\(sequence)", sex: .male, birthDate: day(born), category: category,
                             insutype: "310", enrolBegin: day("2010-01-01")), account: account, by: actor, in: sql)
        }
    }

    /// The municipal preset as a 2026 version that credits annually (`account_crediting.frequency: annual`).
    static func storeAnnualPolicy(_ db: any Database) async throws {
        let text = try PolicyPresets.text("municipal-employee")
            .replacingOccurrences(of: "id: municipal-employee-2025", with: "id: municipal-employee-2026")
            .replacingOccurrences(of: "effective_from: 2025-01-01", with: "effective_from: 2026-01-01")
            .replacingOccurrences(of: "frequency: monthly", with: "frequency: annual")
        let document = try PolicyDocument.load(text: text, file: "municipal-employee-2026.yaml")
        try await db.write { sql in try await PolicyRepository(database: db).store(document, by: actor, in: sql) }
    }

    /// Invariants over the whole region: every movement sums to zero, every balance row equals its
    /// person's ledger rows per level, and none is negative.
    static func checkLedger(_ db: any Database) async throws {
        try await db.read { sql async throws in
            let unbalanced = try await sql.raw("""
                SELECT movement_id FROM account_ledger GROUP BY movement_id HAVING SUM(amount_fen) <> 0
                """).all()
            #expect(unbalanced.isEmpty)
            let mismatched = try await sql.raw("""
                SELECT a.psn_no FROM person_accounts a
                WHERE a.admdvs = \(bind: region) AND (a.first_level_fen < 0 OR a.second_level_fen < 0
                   OR a.first_level_fen <> (SELECT COALESCE(SUM(l.amount_fen), 0) FROM account_ledger l
                                            WHERE l.admdvs = a.admdvs AND l.psn_no = a.psn_no AND l.ledger_account = 'first_level')
                   OR a.second_level_fen <> (SELECT COALESCE(SUM(l.amount_fen), 0) FROM account_ledger l
                                             WHERE l.admdvs = a.admdvs AND l.psn_no = a.psn_no AND l.ledger_account = 'second_level'))
                """).all()
            #expect(mismatched.isEmpty)
        }
    }

    /// 2026, credited annually. Born 1981-07-15 with a base of 8,000: 44 on the first day of January to
    /// July (7 × 4% = 7 × 320.00 → 224.00 + 96.00), 45 from August (5 × 5% = 5 × 400.00 → 280.00 + 120.00):
    /// 1,568.00 + 1,400.00 = 2,968.00 first level, 672.00 + 600.00 = 1,272.00 second (4,240.00). A retiree
    /// with a pension of 4,500.00 a month: 12 × 6% = 12 × 270.00 → 12 × 189.00 = 2,268.00 + 12 × 81.00 =
    /// 972.00. A monthly run is refused under the annual policy; a second annual run credits nothing.
    @Test(arguments: TestBackend.all)
    func annualCreditingAndRetireesPension(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await DemoData.load(into: db, bcryptCost: 4, logger: TestBackend.logger)
            try await Self.storeAnnualPolicy(db)
            let policy = try #require(try await PolicyRepository(database: db).inForce(region: Self.region, insutype: "310", on: Self.day("2026-01-01"))?
                .section(ContributionPolicy.self))
            #expect(policy.accountCrediting?.frequency == .annual)
            let worker = try await Self.person(db, born: "1981-07-15", sequence: 411)
            let retiree = try await Self.person(db, born: "1955-03-03", sequence: 413, category: .retiree)
            try await db.write { sql in
                try await ContributionBaseRepository.declare(admdvs: Self.region, employerID: 0, psnNo: worker.psnNo, year: 2026,
                                                             declared: Money(yuan: 8000), averageWage: Money(yuan: 80000), policy: policy,
                                                             by: Self.actor, in: sql)
                try await PensionRepository.record(admdvs: Self.region, psnNo: retiree.psnNo, year: 2026, monthly: Money(yuan: 4500),
                                                   by: Self.actor, in: sql)
            }
            let twice = await #expect(throws: DomainError.self) {
                try await db.write { sql in
                    try await PensionRepository.record(admdvs: Self.region, psnNo: retiree.psnNo, year: 2026, monthly: Money(yuan: 4600),
                                                       by: Self.actor, in: sql)
                }
            }
            #expect(twice?.code == "PENSION_RECORDED")
            let run = AccountCreditRun(database: db)
            let monthly = await #expect(throws: DomainError.self) { _ = try await run.run(region: Self.region, month: "2026-03", by: Self.actor) }
            #expect(monthly?.code == "ACCOUNT_CREDIT_FREQUENCY")

            let year = try await run.run(region: Self.region, year: 2026, by: Self.actor)
            #expect(year.credited == 2)
            #expect(year.period == "2026")
            let accounts = PersonRepository(database: db)
            #expect(try await accounts.account(admdvs: Self.region, psnNo: worker.psnNo)
                    == AccountBalances(firstLevel: Money(yuan: 2968), secondLevel: Money(yuan: 1272)))
            #expect(try await accounts.account(admdvs: Self.region, psnNo: retiree.psnNo)
                    == AccountBalances(firstLevel: Money(yuan: 2268), secondLevel: Money(yuan: 972)))
            let again = try await run.run(region: Self.region, year: 2026, by: Self.actor)
            #expect(again.credited == 0)
            #expect(again.alreadyCredited == 2)
            // One movement per level and person for the year; twelve monthly rows record what it was made of.
            let rows = try await db.read { sql async throws in
                try await sql.raw("SELECT month FROM account_credits WHERE psn_no = \(bind: worker.psnNo)").all().count
            }
            #expect(rows == 12)
            try await Self.checkLedger(db)
        }
    }

    /// 1,000.00 + 200.00 transferred from 329900 to Benxi (210500) on 2026-05-10: the account is empty, the
    /// clearing account for Benxi holds 1,200.00, and the eligibility answer names the Benxi scheme.
    /// Inheritance: refused before a death is recorded; after it, 300.00 + 100.00 pass to the heir (who
    /// had 50.00) — 350.00 + 100.00 — and a second inheritance finds the account empty.
    @Test(arguments: TestBackend.all)
    func transferAndInheritanceMoveTheWholeBalance(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await DemoData.load(into: db, bcryptCost: 4, logger: TestBackend.logger)
            let mover = try await Self.person(db, born: "1985-01-01", sequence: 421,
                                              account: AccountBalances(firstLevel: Money(yuan: 1000), secondLevel: Money(yuan: 200)))
            let benxi = try RegionCode.parse("210500")
            let moved = try await db.write { sql in
                try await AccountTransfers.transferOut(mover, to: benxi, on: Self.day("2026-05-10"), by: Self.actor, in: sql)
            }
            #expect(moved.total == Money(yuan: 1200))
            let accounts = PersonRepository(database: db)
            #expect(try await accounts.account(admdvs: Self.region, psnNo: mover.psnNo) == AccountBalances())
            let clearing = try await db.read { sql async throws in
                try await sql.raw("""
                    SELECT CAST(SUM(amount_fen) AS BIGINT) AS total FROM account_ledger WHERE ledger_account = 'transfer_clearing:210500'
                    """).first()?.decode(column: "total", as: Int64.self)
            }
            #expect(clearing == 120_000)
            let answer = try await db.read { sql async throws in
                try await CoverageQuery.answer(for: mover, on: Self.day("2026-06-01"), policy: ContributionPolicy(), in: sql)
            }
            #expect(answer.scheme?.region == benxi)

            let deceased = try await Self.person(db, born: "1950-02-02", sequence: 423, category: .retiree,
                                                 account: AccountBalances(firstLevel: Money(yuan: 300), secondLevel: Money(yuan: 100)))
            let heir = try await Self.person(db, born: "1978-08-08", sequence: 425, account: AccountBalances(firstLevel: Money(yuan: 50)))
            let early = await #expect(throws: DomainError.self) {
                try await db.write { sql in try await AccountTransfers.inherit(from: deceased, to: heir, by: Self.actor, in: sql) }
            }
            #expect(early?.code == "INHERITANCE_NOT_DECEASED")
            _ = try await db.write { sql in
                try await EnrolmentRepository.append(.terminated(on: Self.day("2026-04-01"), reason: .death), admdvs: Self.region,
                                                     psnNo: deceased.psnNo, by: Self.actor, in: sql)
            }
            _ = try await db.write { sql in try await AccountTransfers.inherit(from: deceased, to: heir, by: Self.actor, in: sql) }
            #expect(try await accounts.account(admdvs: Self.region, psnNo: heir.psnNo)
                    == AccountBalances(firstLevel: Money(yuan: 350), secondLevel: Money(yuan: 100)))
            #expect(try await accounts.account(admdvs: Self.region, psnNo: deceased.psnNo) == AccountBalances())
            let empty = await #expect(throws: DomainError.self) {
                try await db.write { sql in try await AccountTransfers.inherit(from: deceased, to: nil, by: Self.actor, in: sql) }
            }
            #expect(empty?.code == "ACCOUNT_EMPTY")
            try await Self.checkLedger(db)
        }
    }

    /// Random sequences of transfers in and out, deaths and inheritances (to an heir or to the payable)
    /// over three persons: whatever is refused changes nothing, and after every sequence each movement
    /// balances, each balance row equals its ledger rows and none is negative.
    @Test(arguments: TestBackend.all)
    func theLedgerAlwaysBalances(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await DemoData.load(into: db, bcryptCost: 4, logger: TestBackend.logger)
            let counter = Counter()
            let op = zip(Gen.int(in: 0...3), Gen.int(in: 0...2), Gen.int(in: 0...3), Gen.int64(in: 0...90_000), Gen.int64(in: 0...90_000))
            await propertyCheck(count: 6, input: op.array(of: 1...12)) { ops in
                let base = await counter.next(by: 6)
                var created: [PersonRecord] = []
                for i in 0..<3 {
                    created.append(try await Self.person(db, born: "1970-01-0\(i + 1)", sequence: 2 * (base + i) + 1,
                                                         account: AccountBalances(firstLevel: Money(fen: 10_000))))
                }
                let people = created
                for (kind, who, other, a, b) in ops {
                    let person = people[who]
                    let before = try await Self.snapshot(db)
                    do {
                        try await db.write { sql in
                            switch kind {
                            case 0:
                                try await AccountTransfers.transferIn(person, from: RegionCode.parse("210500"),
                                                                      amounts: AccountBalances(firstLevel: Money(fen: a), secondLevel: Money(fen: b)),
                                                                      by: Self.actor, in: sql)
                            case 1:
                                try await AccountTransfers.transferOut(person, to: RegionCode.parse("350200"), on: Self.day("2026-05-01"),
                                                                       by: Self.actor, in: sql)
                            case 2:
                                try await EnrolmentRepository.append(.terminated(on: Self.day("2026-06-01"), reason: .death),
                                                                     admdvs: Self.region, psnNo: person.psnNo, by: Self.actor, in: sql)
                            default:
                                try await AccountTransfers.inherit(from: person, to: other < 3 ? people[other] : nil, by: Self.actor, in: sql)
                            }
                        }
                    } catch is DomainError {
                        let after = try await Self.snapshot(db)
                        #expect(after == before)
                    }
                }
                try await Self.checkLedger(db)
            }
        }
    }

    /// Row counts of the ledger and the region's balances: what a refused operation must leave as it was.
    static func snapshot(_ db: any Database) async throws -> [Int64] {
        try await db.read { sql async throws in
            let entries = try await sql.raw("SELECT COUNT(*) AS n FROM account_ledger").first()?.decode(column: "n", as: Int64.self) ?? 0
            let balances = try await sql.raw("""
                SELECT first_level_fen, second_level_fen FROM person_accounts WHERE admdvs = \(bind: region) ORDER BY psn_no
                """).all().flatMap { [try $0.decode(column: "first_level_fen", as: Int64.self), try $0.decode(column: "second_level_fen", as: Int64.self)] }
            return [entries] + balances
        }
    }

    actor Counter {
        var value = 0
        func next(by step: Int) -> Int { defer { value += step }; return value }
    }
}
