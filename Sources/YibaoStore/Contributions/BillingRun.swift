import SQLKit
import YibaoCore

/// The monthly billing batch (`yibao billing run --region R --month M`): one bill per person on an
/// employer's roster in M (and per person paying alone with a base locked for the year), computed by
/// `MonthlyTerms` (`MonthlyContribution` under the policy in force on the month's first day and the year's W).
///
/// Idempotent: bills are unique per (region, employer, person, month) and an existing one is left as
/// it is, so a second run writes nothing. Resumable: people are processed in `psn_no` order in chunks of
/// one transaction each, and `batch_runs` keeps the last person finished, where a run after a crash
/// starts again.
public struct BillingRun: Sendable {
    public struct Failure: Sendable, Equatable, Codable {
        public var psnNo: Int64
        public var employerID: Int64
        public var code: String
        public var message: String
    }

    public struct Summary: Sendable, Equatable, Codable {
        public var region: String
        public var month: String
        public var considered = 0
        public var billed = 0
        public var alreadyBilled = 0
        public var employerDue = Money.zero
        public var individualDue = Money.zero
        public var failures: [Failure] = []
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
        let terms = try await database.read { db in try await MonthlyTerms.load(region: region, month: month, in: db) }
        let (payers, resumeAfter) = try await database.read { db in
            let roster = try await EmployerRepository.roster(admdvs: region, month: month.description, in: db)
            let alone = try await ContributionBaseRepository.individualPayers(admdvs: region, year: month.year, in: db).map { (Int64(0), $0) }
            let run = try await db.select().columns("status", "last_psn_no").from("batch_runs").where("admdvs", .equal, region)
                .where("kind", .equal, "billing").where("period", .equal, month.description).first()
            let resume = try run.flatMap { try $0.decode(column: "status", as: String.self) == "running"
                ? try $0.decode(column: "last_psn_no", as: Int64.self) : nil } ?? 0
            return ((roster.map { ($0.employerID, $0.psnNo) } + alone).sorted { ($0.1, $0.0) < ($1.1, $1.0) }, resume)
        }
        var summary = Summary(region: region, month: month.description)
        summary.considered = payers.count
        // A person is redone from the start of their group: re-inserting is harmless, skipping is not.
        let pending = payers.filter { $0.1 >= resumeAfter }
        var done = payers.count - pending.count
        progress(done, payers.count)
        var start = pending.startIndex
        while start < pending.endIndex {
            let chunk = Array(pending[start..<min(start + chunkSize, pending.endIndex)])
            let part = try await database.write { db in try await Self.bill(chunk, region: region, terms: terms, by: actor, in: db) }
            summary.billed += part.billed
            summary.alreadyBilled += part.alreadyBilled
            summary.employerDue = summary.employerDue + part.employerDue
            summary.individualDue = summary.individualDue + part.individualDue
            summary.failures += part.failures
            done += chunk.count
            start += chunk.count
            progress(done, payers.count)
        }
        if summary.billed > 0 || resumeAfter > 0 {
            let note = "month=\(month) billed=\(summary.billed) failed=\(summary.failures.count)"
            try await database.write { db in
                try await db.update("batch_runs").set("status", to: "done").set("finished_at", to: Clock.nowMillis())
                    .where("admdvs", .equal, region).where("kind", .equal, "billing").where("period", .equal, month.description).run()
                try await AuditTrail.append(actor.event(action: "billing.run", target: "region:\(region)",
                                                        after: note), in: db)
            }
        }
        return summary
    }

    /// One chunk in one transaction: persons and bases with one query each, the bills in one insert.
    static func bill(_ chunk: [(Int64, Int64)], region: String, terms: MonthlyTerms, by actor: AuditActor,
                     in db: any SQLDatabase) async throws -> Summary {
        let month = terms.month
        var part = Summary(region: region, month: month.description)
        let psnNos = Array(Set(chunk.map(\.1)))
        let persons = try await db.select().column("*").from("persons").where("admdvs", .equal, region).where("psn_no", .in, psnNos).all()
            .map(PersonRecord.init(row:))
        let byNo = Dictionary(persons.map { ($0.psnNo, $0) }, uniquingKeysWith: { a, _ in a })
        let bases = try await ContributionBaseRepository.bases(admdvs: region, year: month.year, psnNos: psnNos, in: db)
        var bills: [ContributionBill] = []
        for (employer, psnNo) in chunk {
            guard let person = byNo[psnNo] else {
                part.failures.append(Failure(psnNo: psnNo, employerID: employer, code: "PERSON_NOT_FOUND", message: "参保人不存在 / no such person"))
                continue
            }
            switch Result(catching: { () throws(DomainError) in try terms.contribution(of: person, base: bases[employer]?[psnNo]) }) {
            case .success(let amount):
                bills.append(ContributionBill(admdvs: region, employerID: employer, psnNo: psnNo, month: month.description,
                                              employerShare: amount.employerTotal, individualShare: amount.individualTotal, dueDate: terms.due))
            case .failure(let error):
                part.failures.append(Failure(psnNo: psnNo, employerID: employer, code: error.code, message: error.message))
            }
        }
        let written = try await ContributionBillRepository.insert(bills, in: db)
        for bill in bills {
            guard written.contains(.init(employerID: bill.employerID, psnNo: bill.psnNo, month: bill.month)) else {
                part.alreadyBilled += 1
                continue
            }
            part.billed += 1
            part.employerDue = part.employerDue + bill.employerShare
            part.individualDue = part.individualDue + bill.individualShare
        }
        if part.billed > 0, let last = chunk.last {
            try await db.raw("""
                INSERT INTO batch_runs (admdvs, kind, period, status, last_psn_no, processed, started_at)
                VALUES (\(bind: region), 'billing', \(bind: month.description), 'running', \(bind: last.1), \(bind: chunk.count), \(bind: Clock.nowMillis()))
                ON CONFLICT (admdvs, kind, period) DO UPDATE SET status = 'running', last_psn_no = excluded.last_psn_no,
                    processed = batch_runs.processed + excluded.processed
                """).run()
        }
        return part
    }
}
