import SQLKit
import YibaoCore

/// The account-crediting batch (`yibao accounts credit --region R --month M`, or `--year Y` where the
/// policy's `account_crediting.frequency` is `annual`): for every person of the region with a base locked
/// for the year or a pension recorded for it (`PensionRepository`), `AccountCredit.monthly` (the policy's
/// age bands on each month's first day) gives the credit, posted as a double entry from
/// `crediting:<region>` to the person's first and second levels through `AccountLedgerWriter`, with the
/// balance row updated in the same transaction. An annual run credits the twelve months' amounts at once,
/// as one movement (a person turning 45 in the year gets the lower rate up to that month, the higher after).
///
/// Idempotent: `account_credits` holds one row per (region, person, month) and is written first, so a
/// month already credited (by either kind of run) is skipped and a second run posts nothing. Persons whose
/// rule needs a figure that is not recorded, or who are credited nothing, are counted as skipped.
public struct AccountCreditRun: Sendable {
    public struct Summary: Sendable, Equatable, Codable {
        public var region: String
        /// `YYYY-MM` for a monthly run, `YYYY` for an annual one.
        public var period: String
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

    /// Credits one month; refused when the policy credits annually.
    public func run(region: String, month text: String, by actor: AuditActor,
                    progress: @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }) async throws -> Summary {
        let month = try BillingMonth.parse(text)
        return try await run(region: region, period: month.description, months: [month], frequency: .monthly, by: actor, progress: progress)
    }

    /// Credits the twelve months of `year` at once; refused when the policy credits monthly.
    public func run(region: String, year: Int, by actor: AuditActor,
                    progress: @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }) async throws -> Summary {
        try await run(region: region, period: String(year), months: (1...12).map { BillingMonth(year: year, month: $0) },
                      frequency: .annual, by: actor, progress: progress)
    }

    private func run(region: String, period: String, months: [BillingMonth], frequency: AccountCrediting.Frequency, by actor: AuditActor,
                     progress: @Sendable (_ done: Int, _ total: Int) -> Void) async throws -> Summary {
        let first = months[0]
        guard let policy = try await PolicyRepository(database: database).inForce(region: region, insutype: Insutype.employeeBasic.rawValue,
                                                                                  on: first.firstDay)?.section(ContributionPolicy.self) else {
            throw DomainError(.notFound, code: "CONTRIBUTION_POLICY_MISSING", message: "统筹区 \(region) 在 \(period) 没有有效的征缴政策",
                              messageEn: "no contributions policy in force in \(region) for \(period)", path: "month")
        }
        if let policyFrequency = policy.accountCrediting?.frequency, policyFrequency != frequency {
            throw DomainError(.conflict, code: "ACCOUNT_CREDIT_FREQUENCY",
                              message: "统筹区 \(region) 的个人账户按\(policyFrequency == .annual ? "年度" : "月")划入，请按\(policyFrequency == .annual ? "年度（--year）" : "月（--month）")运行",
                              messageEn: "region \(region) credits accounts \(policyFrequency == .annual ? "annually: run it for a year (--year)" : "monthly: run it for a month (--month)")",
                              path: frequency == .annual ? "year" : "month")
        }
        let people = try await database.read { db in
            let based = try await db.select().column("psn_no").from("contribution_bases").where("admdvs", .equal, region)
                .where("year", .equal, first.year).distinct().all().map { try $0.decode(column: "psn_no", as: Int64.self) }
            let pensioned = try await PensionRepository.pensions(admdvs: region, year: first.year, in: db).keys
            return Set(based).union(pensioned).sorted()
        }
        var summary = Summary(region: region, period: period)
        summary.considered = people.count
        progress(0, people.count)
        var start = 0
        while start < people.count {
            let chunk = Array(people[start..<min(start + chunkSize, people.count)])
            let part = try await database.write { db in try await Self.credit(chunk, region: region, months: months, policy: policy, in: db) }
            summary.credited += part.credited
            summary.alreadyCredited += part.alreadyCredited
            summary.skipped += part.skipped
            summary.firstLevel = summary.firstLevel + part.firstLevel
            summary.secondLevel = summary.secondLevel + part.secondLevel
            start += chunk.count
            progress(start, people.count)
        }
        if summary.credited > 0 {
            let note = "period=\(period) credited=\(summary.credited) total=\(summary.firstLevel + summary.secondLevel)"
            _ = try await database.write { db in
                try await AuditTrail.append(actor.event(action: "account.credit.run", target: "region:\(region)", after: note), in: db)
            }
        }
        return summary
    }

    /// One chunk in one transaction: each person's months not yet credited are written to `account_credits`
    /// and their sum posted as one movement. A statement each for the chunk's credits, its ledger rows and
    /// its balances, however many persons it holds.
    static func credit(_ chunk: [Int64], region: String, months: [BillingMonth], policy: ContributionPolicy,
                       in db: any SQLDatabase) async throws -> Summary {
        let year = months[0].year
        var part = Summary(region: region, period: "")
        let persons = try await db.select().column("*").from("persons").where("admdvs", .equal, region).where("psn_no", .in, chunk).all()
            .map(PersonRecord.init(row:))
        // A person's wage base: their highest locked base of the year (one employer in the usual case),
        // gathered once for the chunk (looking each person up under every employer of the chunk was a
        // fifth of a crediting run's time).
        var wageBases: [Int64: Money] = [:]
        for byPerson in try await ContributionBaseRepository.bases(admdvs: region, year: year, psnNos: chunk, in: db).values {
            for (psnNo, base) in byPerson { wageBases[psnNo] = max(wageBases[psnNo] ?? base.amount, base.amount) }
        }
        let pensions = try await PensionRepository.pensions(admdvs: region, year: year, psnNos: chunk, in: db)
        let now = Clock.nowMillis()
        var due: [Int64: [String: AccountCredit]] = [:]
        var order: [Int64] = []
        for person in persons {
            let wageBase = wageBases[person.psnNo]
            let credits: [(BillingMonth, AccountCredit)]
            do {
                let identity = try IdentityNumber.parse(person.certno)
                credits = try months.map { month in
                    (month, try AccountCredit.monthly(identity: identity, category: person.category, statuses: person.statuses, year: month.year,
                                                      month: month.month, wageBase: wageBase, pension: pensions[person.psnNo], policy: policy))
                }.filter { $0.1.total > .zero }
            } catch {
                part.skipped += 1
                continue
            }
            guard !credits.isEmpty else { part.skipped += 1; continue }
            due[person.psnNo] = Dictionary(uniqueKeysWithValues: credits.map { ($0.0.description, $0.1) })
            order.append(person.psnNo)
        }
        let rows: [[BulkInsert.Value]] = order.flatMap { psnNo in
            due[psnNo]!.sorted { $0.key < $1.key }.map { month, credit -> [BulkInsert.Value] in
                [region, psnNo, month, credit.firstLevel.fen, credit.secondLevel.fen, now]
            }
        }
        let written = try await BulkInsert.insert(
            into: "account_credits", columns: ["admdvs", "psn_no", "month", "first_level_fen", "second_level_fen", "created_at"], rows: rows,
            ignoringConflictsOn: ["admdvs", "psn_no", "month"], returning: ["psn_no", "month"], in: db)
        // What was written now, a person's months summed (a month credited before is not again).
        var credited: [Int64: AccountBalances] = [:]
        for row in written {
            let psnNo = try row.decode(column: "psn_no", as: Int64.self)
            guard let credit = due[psnNo]?[try row.decode(column: "month", as: String.self)] else { continue }
            credited[psnNo, default: AccountBalances()].firstLevel += credit.firstLevel
            credited[psnNo, default: AccountBalances()].secondLevel += credit.secondLevel
        }
        let posted = order.compactMap { psnNo in credited[psnNo].map { (psnNo: psnNo, delta: $0) } }
        part.alreadyCredited += order.count - posted.count
        let ledger = posted.flatMap { psnNo, delta in
            AccountLedgerWriter.rows([.init(level: .first, amount: delta.firstLevel), .init(level: .second, amount: delta.secondLevel)],
                                     admdvs: region, psnNo: psnNo, counterparty: "crediting:\(region)", setlID: nil, kind: "credit", now: now)
        }
        try await BulkInsert.insert(into: "account_ledger", columns: AccountLedgerWriter.columns, rows: ledger, in: db)
        try await AccountLedgerWriter.adjustBalances(admdvs: region, by: posted, in: db)
        for (_, delta) in posted {
            part.credited += 1
            part.firstLevel = part.firstLevel + delta.firstLevel
            part.secondLevel = part.secondLevel + delta.secondLevel
        }
        return part
    }
}
