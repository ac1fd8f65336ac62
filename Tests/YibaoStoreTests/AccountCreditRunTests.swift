import Foundation
import SQLKit
import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// The account-crediting batch through the double-entry ledger (docs/enrolment-and-contributions.md §8).
@Suite struct AccountCreditRunTests {
    static let actor = AuditActor(name: "test", role: "administrator", region: "329900")

    /// Municipal (004 L17–L19, 70/30): born 1980-07-15, base 8,000. July 2025 (44 on 1 July): 4% =
    /// 320.00 → 224.00 + 96.00; August (45 on 1 August): 5% = 400.00 → 280.00 + 120.00. July run twice
    /// credits once; the balance is 504.00 + 216.00; every movement sums to zero and the person's ledger
    /// rows sum to the balance.
    @Test(arguments: TestBackend.all)
    func creditingTwiceIsANoOpAndTheLedgerBalances(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await DemoData.load(into: db, bcryptCost: 4, logger: TestBackend.logger)
            let region = Self.region
            let psnNo = try await Self.employee(sequence: 311, bases: [0: 8_000], in: db)
            let run = AccountCreditRun(database: db)
            let july = try await run.run(region: region, month: "2025-07", by: Self.actor)
            #expect(july.credited == 1)
            #expect([july.firstLevel, july.secondLevel] == [Money(yuan: 224), Money(yuan: 96)])
            let again = try await run.run(region: region, month: "2025-07", by: Self.actor)
            #expect(again.credited == 0)
            #expect(again.alreadyCredited == 1)
            let august = try await run.run(region: region, month: "2025-08", by: Self.actor)
            #expect([august.firstLevel, august.secondLevel] == [Money(yuan: 280), Money(yuan: 120)])
            let balance = try await PersonRepository(database: db).account(admdvs: region, psnNo: psnNo)
            #expect(balance == AccountBalances(firstLevel: Money(yuan: 504), secondLevel: Money(yuan: 216)))
            let (unbalanced, personal) = try await db.read { sql in
                let movements = try await sql.raw("""
                    SELECT movement_id FROM account_ledger WHERE admdvs = \(bind: region) GROUP BY movement_id HAVING SUM(amount_fen) <> 0
                    """).all()
                let own = try await sql.raw("""
                    SELECT ledger_account, CAST(SUM(amount_fen) AS BIGINT) AS total FROM account_ledger
                    WHERE admdvs = \(bind: region) AND psn_no = \(bind: psnNo) AND ledger_account IN ('first_level', 'second_level')
                    GROUP BY ledger_account ORDER BY ledger_account
                    """).all().map { try $0.decode(column: "total", as: Int64.self) }
                return (movements.count, own)
            }
            #expect(unbalanced == 0)
            #expect(personal == [50_400, 21_600])
            // The statement over all time: nothing before, four movements (two credits × two levels), and
            // the closing balances equal the account row; a period long past shows nothing.
            let statement = try await db.read { sql in
                try await AccountStatementQuery.statement(admdvs: region, psnNo: psnNo, from: LocalDate(year: 2000, month: 1, day: 1)!,
                                                          through: LocalDate(year: 2100, month: 12, day: 31)!, in: sql)
            }
            #expect(statement.opening == AccountBalances())
            #expect(statement.movements.map(\.amount) == [Money(yuan: 224), Money(yuan: 96), Money(yuan: 280), Money(yuan: 120)])
            #expect(statement.closing == balance)
            let past = try await db.read { sql in
                try await AccountStatementQuery.statement(admdvs: region, psnNo: psnNo, from: LocalDate(year: 2000, month: 1, day: 1)!,
                                                          through: LocalDate(year: 2000, month: 12, day: 31)!, in: sql)
            }
            #expect(past.movements.isEmpty)
            #expect(past.closing == AccountBalances())
        }
    }

    /// A person with bases at two employers is credited on the higher (8,000 over 5,000: July 2025, 4 % =
    /// 320.00 → 224.00 + 96.00); another in the same chunk on their own (6,000: 240.00 → 168.00 + 72.00).
    @Test(arguments: TestBackend.all)
    func theWageBaseIsThePersonsHighestOfTheYear(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await DemoData.load(into: db, bcryptCost: 4, logger: TestBackend.logger)
            let region = Self.region
            let persons = [try await Self.employee(sequence: 313, bases: [0: 5_000, 42: 8_000], in: db),
                           try await Self.employee(sequence: 315, bases: [42: 6_000], in: db)]
            let july = try await AccountCreditRun(database: db).run(region: region, month: "2025-07", by: Self.actor)
            #expect(july.credited == 2)
            var balances: [AccountBalances] = []
            for psnNo in persons { balances.append(try await PersonRepository(database: db).account(admdvs: region, psnNo: psnNo)) }
            #expect(balances == [AccountBalances(firstLevel: Money(yuan: 224), secondLevel: Money(yuan: 96)),
                                 AccountBalances(firstLevel: Money(yuan: 168), secondLevel: Money(yuan: 72))])
        }
    }

    static let region = "329900"

    /// An employee of `region` born 1980-07-15 (44 on 1 July 2025), with a 2025 base of so many yuan at
    /// each employer id given.
    static func employee(sequence: Int, bases: [Int64: Int64], in db: any Database) async throws -> Int64 {
        let birth = LocalDate(year: 1980, month: 7, day: 15)!
        let certno = try IdentityNumber.make(region: RegionCode.parse(region), birthDate: birth, sequence: sequence, sex: .male).value
        let policy = try #require(try await PolicyRepository(database: db).inForce(region: region, insutype: "310",
                                                                                  on: LocalDate(year: 2025, month: 7, day: 1)!)?
            .section(ContributionPolicy.self))
        return try await db.write { sql in
            let person = try await PersonRepository(database: db).create(
                PersonRecord(admdvs: region, certno: certno, name: "账户测试", sex: .male, birthDate: birth, category: .employee,
                             insutype: "310", enrolBegin: LocalDate(year: 2010, month: 1, day: 1)!), by: Self.actor, in: sql)
            for (employer, yuan) in bases.sorted(by: { $0.key < $1.key }) {
                try await ContributionBaseRepository.declare(admdvs: region, employerID: employer, psnNo: person.psnNo, year: 2025,
                                                             declared: Money(yuan: yuan), averageWage: Money(yuan: 80000), policy: policy,
                                                             by: Self.actor, in: sql)
            }
            return person.psnNo
        }
    }
}
