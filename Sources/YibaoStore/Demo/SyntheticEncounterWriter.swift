import SQLKit
import YibaoCore

/// Settles a synthetic region's encounter stream (`yibao demo generate --encounters N`): the bills of
/// `SyntheticBills` go through the same store path a hospital's HIS calls take — register (2201/2401),
/// upload the fee lines (2204/2301), discharge an admission (2402), settle (2207/2304) — so the region
/// gets a settlement history with its account movements, fund ledger and accumulators.
///
/// Each bill is one write transaction, so it is settled whole or not at all. A person the eligibility
/// answer does not cover on the day (interrupted, terminated) is refused at registration, as the HIS
/// would be: the refusal is counted by its code and nothing is written. Persons in arrears or waiting
/// are registered and settled by what their eligibility allows (cash).
///
/// Bills go in chunks; inside a chunk, lanes of persons settle side by side (one person's bills stay
/// in stream order on one lane, so the result does not depend on timing). Progress is in `batch_runs`
/// (kind `encounters`); after a crash the same command regenerates the stream, skips the chunks done
/// and, in the chunk it stopped in, the bills whose encounter (`ipt_otp_no` SYN-<index>) exists.
public struct SyntheticEncounterWriter: Sendable {
    public struct Summary: Sendable, Equatable {
        public var region: String
        public var bills = 0
        public var settled = 0
        /// Bills refused at registration, by error code.
        public var refused: [String: Int] = [:]
        public var medfee = Money.zero
        public var fundPay = Money.zero
        public var accountPay = Money.zero
        public var cash = Money.zero
        /// The total of the refused bills (not settled, so in none of the figures above).
        public var refusedAmount = Money.zero
        /// False when the same stream was already complete (nothing written).
        public var generated = true
    }

    public let database: any Database
    public var chunkSize: Int
    public var lanes: Int
    let desk: RealTimeSettlement

    public init(database: any Database, chunkSize: Int = 2_000, lanes: Int = 4) {
        self.database = database
        self.chunkSize = chunkSize
        self.lanes = max(1, lanes)
        desk = RealTimeSettlement(database: database)
    }

    static let kind = "encounters"
    /// The days before the region's month that the stream spans.
    static let days = 90

    /// Settles `count` bills of the stream drawn from `seed`. Persons whose identity number is in
    /// `excluded` are left out of the draw (`serve --demo` keeps its named persons' figures as the guide
    /// quotes them); the set is part of the stream's identity, as the seed is.
    public func write(region text: String, providers: SyntheticProviders, encounters count: Int, seed: UInt64, month: String,
                      excluding excluded: Set<String> = [], by actor: AuditActor,
                      progress: @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }) async throws -> Summary {
        let region = try RegionCode.parse(text)
        let asOf = try BillingMonth.parse(month).firstDay
        guard (0...10_000_000).contains(count) else {
            throw DomainError(code: "SYNTHETIC_ENCOUNTERS", message: "就诊数须在 0–10,000,000 之间", messageEn: "encounters must be 0–10,000,000",
                              path: "encounters")
        }
        let period = "seed=\(seed) encounters=\(count) month=\(month)" + (excluded.isEmpty ? "" : " excluding=\(excluded.count)")
        var summary = Summary(region: region.value)
        guard let (resumeAt, resuming) = try await begin(region: region.value, period: period) else {
            summary.generated = false
            return summary
        }
        let (persons, institutions) = try await readRegion(region.value, providers: providers, excluding: excluded)
        var bills = try SyntheticBills(providers: providers, persons: persons.count, count: count, seed: seed,
                                       start: asOf.adding(days: -Self.days), days: Self.days)
        progress(0, count)
        var done = 0, checkWritten = resuming
        while bills.remaining > 0 {
            let chunk = bills.next(chunkSize)
            defer { done += chunk.count }
            if done + chunk.count <= resumeAt { continue }
            // The first chunk after a crash may be partly settled.
            let written = checkWritten ? try await existing(chunk, region: region.value) : []
            checkWritten = false
            let fresh = chunk.filter { !written.contains($0.index) }
            let outcomes = try await settle(fresh, persons: persons, institutions: institutions, by: actor)
            for (bill, outcome) in zip(fresh, outcomes) { summary.add(outcome, total: bill.total) }
            let through = done + chunk.count
            try await record(through: through, of: count, region: region.value)
            progress(through, count)
        }
        if count == 0 { try await record(through: 0, of: 0, region: region.value) }
        return summary
    }

    /// Progress after a chunk: bills done, and done altogether when that is all of them.
    func record(through: Int, of count: Int, region: String) async throws {
        let finished = through == count
        try await database.write { db in
            try await db.update("batch_runs").set("processed", to: SQLBind(through))
                .set("status", to: finished ? "done" : "running").set("finished_at", to: finished ? Clock.nowMillis() : nil)
                .where("admdvs", .equal, region).where("kind", .equal, Self.kind).run()
        }
    }

    /// Where a run starts (bills done, and whether an earlier run stopped part-way); nil when the same
    /// stream is complete. Another stream in the region is refused.
    func begin(region: String, period: String) async throws -> (Int, Bool)? {
        try await database.write { db in
            guard let previous = try await db.select().columns("period", "status", "processed").from("batch_runs")
                .where("admdvs", .equal, region).where("kind", .equal, Self.kind).first() else {
                try await db.insert(into: "batch_runs").columns("admdvs", "kind", "period", "status", "last_psn_no", "processed", "started_at")
                    .values(SQLBind(region), SQLBind(Self.kind), SQLBind(period), SQLBind("running"), SQLBind(0), SQLBind(0),
                            SQLBind(Clock.nowMillis())).run()
                return (0, false)
            }
            let stored = try previous.decode(column: "period", as: String.self)
            guard stored == period else {
                throw DomainError(.conflict, code: "SYNTHETIC_ENCOUNTERS_EXIST",
                                  message: "统筹区 \(region) 已生成过就诊结算（\(stored)），请用新的统筹区或新数据库",
                                  messageEn: "region \(region) already holds a generated encounter stream (\(stored)); use another region or a fresh database",
                                  path: "encounters")
            }
            return try previous.decode(column: "status", as: String.self) == "done" ? nil : (try previous.decode(column: "processed", as: Int.self), true)
        }
    }

    /// The region's persons in enrolment order (psn_no grows with it) with their scheme, and the
    /// generated institutions as stored.
    func readRegion(_ region: String, providers: SyntheticProviders, excluding excluded: Set<String>) async throws
        -> ([Person], [InstitutionRecord]) {
        try await database.read { db in
            let persons = try await db.select().columns("psn_no", "insutype", "certno").from("persons").where("admdvs", .equal, region)
                .orderBy("psn_no").all()
                .filter { try !excluded.contains($0.decode(column: "certno", as: String.self)) }
                .map { Person(psnNo: try $0.decode(column: "psn_no", as: Int64.self), insutype: try $0.decode(column: "insutype", as: String.self)) }
            var institutions: [InstitutionRecord] = []
            for institution in providers.institutions {
                guard let record = try await InstitutionRepository.find(institution.code, in: db) else {
                    throw DomainError(.notFound, code: "SYNTHETIC_INSTITUTION_MISSING",
                                      message: "合成机构 \(institution.code) 未找到：请先以相同的种子和机构数生成统筹区",
                                      messageEn: "generated institution \(institution.code) is missing: generate the region with the same seed and institutions first",
                                      path: "institutions")
                }
                institutions.append(record)
            }
            return (persons, institutions)
        }
    }

    struct Person: Sendable {
        var psnNo: Int64
        var insutype: String
    }

    /// The bills of this chunk already settled before a crash (their encounter exists).
    func existing(_ chunk: [SyntheticBills.Bill], region: String) async throws -> Set<Int> {
        let numbers = chunk.map { Self.number($0) }
        return try await database.read { db in
            Set(try await db.select().column("ipt_otp_no").from("encounters").where("admdvs", .equal, region)
                .where("ipt_otp_no", .in, numbers).all().compactMap { Int(try $0.decode(column: "ipt_otp_no", as: String.self).dropFirst(4)) })
        }
    }

    /// `ipt_otp_no` (and the settlement's msgid) of a bill.
    static func number(_ bill: SyntheticBills.Bill) -> String { "SYN-\(bill.index)" }
}

extension SyntheticEncounterWriter.Summary {
    mutating func add(_ outcome: SyntheticEncounterWriter.Outcome, total: Money) {
        bills += 1
        switch outcome {
        case .settled(let s):
            settled += 1
            medfee += s.medfeeSumamt
            fundPay += s.fundPaySumamt
            accountPay += s.acctPay
            cash += s.psnCashPay
        case .refused(let code):
            refused[code, default: 0] += 1
            refusedAmount += total
        }
    }
}
