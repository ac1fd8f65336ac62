import SQLKit
import YibaoCore

/// The monthly account-crediting batch (`yibao accounts credit --region R --month M`): for every person
/// of the region with a base locked for the year, `AccountCredit.monthly` (the policy's age bands on the
/// month's first day) gives the credit, posted as a double entry from `crediting:<region>` to the
/// person's first and second levels through `AccountLedgerWriter`, with the balance row updated in the
/// same transaction.
///
/// Idempotent: `account_credits` holds one row per (region, person, month) and is written first, so a
/// person already credited for the month is skipped and a second run posts nothing. Persons whose rule
/// credits from a pension (not yet stored) or credits nothing are counted as skipped.
public struct AccountCreditRun: Sendable {
    public struct Summary: Sendable, Equatable, Codable {
        public var region: String
        public var month: String
        public var considered = 0
        public var credited = 0
        public var alreadyCredited = 0
        public var skipped = 0
        public var firstLevel = Money.zero
        public var secondLevel = Money.zero
    }

    public let database: any Database
    public var chunkSize: Int

    public init(database: any Database, chunkSize: Int = 500) {
        self.database = database
        self.chunkSize = chunkSize
    }

    public func run(region: String, month text: String, by actor: AuditActor,
                    progress: @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }) async throws -> Summary {
        let month = try BillingMonth.parse(text)
        guard let policy = try await PolicyRepository(database: database).inForce(region: region, insutype: Insutype.employeeBasic.rawValue,
                                                                                  on: month.firstDay)?.section(ContributionPolicy.self) else {
            throw DomainError(.notFound, code: "CONTRIBUTION_POLICY_MISSING", message: "统筹区 \(region) 在 \(month) 没有有效的征缴政策",
                              messageEn: "no contributions policy in force in \(region) for \(month)", path: "month")
        }
        let people = try await database.read { db in
            try await db.select().column("psn_no").from("contribution_bases").where("admdvs", .equal, region)
                .where("year", .equal, month.year).orderBy("psn_no").distinct().all().map { try $0.decode(column: "psn_no", as: Int64.self) }
        }
        var summary = Summary(region: region, month: month.description)
        summary.considered = people.count
        progress(0, people.count)
        var start = 0
        while start < people.count {
            let chunk = Array(people[start..<min(start + chunkSize, people.count)])
            let part = try await database.write { db in try await Self.credit(chunk, region: region, month: month, policy: policy, in: db) }
            summary.credited += part.credited
            summary.alreadyCredited += part.alreadyCredited
            summary.skipped += part.skipped
            summary.firstLevel = summary.firstLevel + part.firstLevel
            summary.secondLevel = summary.secondLevel + part.secondLevel
            start += chunk.count
            progress(start, people.count)
        }
        if summary.credited > 0 {
            let note = "month=\(month) credited=\(summary.credited) total=\(summary.firstLevel + summary.secondLevel)"
            _ = try await database.write { db in
                try await AuditTrail.append(actor.event(action: "account.credit.run", target: "region:\(region)", after: note), in: db)
            }
        }
        return summary
    }

    static func credit(_ chunk: [Int64], region: String, month: BillingMonth, policy: ContributionPolicy,
                       in db: any SQLDatabase) async throws -> Summary {
        var part = Summary(region: region, month: month.description)
        let persons = try await db.select().column("*").from("persons").where("admdvs", .equal, region).where("psn_no", .in, chunk).all()
            .map(PersonRecord.init(row:))
        let bases = try await ContributionBaseRepository.bases(admdvs: region, year: month.year, psnNos: chunk, in: db)
        for person in persons {
            // The person's wage base: their highest locked base of the year (one employer in the usual case).
            let wageBase = bases.values.compactMap { $0[person.psnNo]?.amount }.max()
            let credit: AccountCredit
            do {
                credit = try AccountCredit.monthly(identity: try IdentityNumber.parse(person.certno), category: person.category,
                                                   statuses: person.statuses, year: month.year, month: month.month,
                                                   wageBase: wageBase, policy: policy)
            } catch {
                part.skipped += 1
                continue
            }
            guard credit.total > .zero else { part.skipped += 1; continue }
            let written = try await db.raw("""
                INSERT INTO account_credits (admdvs, psn_no, month, first_level_fen, second_level_fen, created_at)
                VALUES (\(bind: region), \(bind: person.psnNo), \(bind: month.description), \(bind: credit.firstLevel.fen),
                        \(bind: credit.secondLevel.fen), \(bind: Clock.nowMillis()))
                ON CONFLICT (admdvs, psn_no, month) DO NOTHING
                RETURNING psn_no
                """).all()
            guard !written.isEmpty else { part.alreadyCredited += 1; continue }
            try await AccountLedgerWriter.post([.init(level: .first, amount: credit.firstLevel), .init(level: .second, amount: credit.secondLevel)],
                                               admdvs: region, psnNo: person.psnNo, counterparty: "crediting:\(region)", setlID: nil,
                                               kind: "credit", in: db)
            try await db.raw("""
                UPDATE person_accounts SET first_level_fen = first_level_fen + \(bind: credit.firstLevel.fen),
                    second_level_fen = second_level_fen + \(bind: credit.secondLevel.fen), updated_at = \(bind: Clock.nowMillis())
                WHERE admdvs = \(bind: region) AND psn_no = \(bind: person.psnNo)
                """).run()
            part.credited += 1
            part.firstLevel = part.firstLevel + credit.firstLevel
            part.secondLevel = part.secondLevel + credit.secondLevel
        }
        return part
    }
}
