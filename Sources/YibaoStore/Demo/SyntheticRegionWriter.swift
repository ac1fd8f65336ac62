import SQLKit
import YibaoCore

/// Writes a synthetic pooling region (`yibao demo generate`): `SyntheticProviders` (institutions,
/// catalogue, declared lists) and `SyntheticPopulation` (employers, persons with accounts, enrolment
/// events, rosters, locked bases, unpaid bills) into region R, with multi-row INSERTs.
///
/// A region that does not exist yet is established as a synthetic one: the region row, W from the
/// municipal preset's parameters and, re-targeted to R, the municipal employee scheme (310, 统账结合 with
/// declared bases and wage-based crediting) and the Benxi resident scheme (390). An existing region keeps
/// its own policies: only categories its 310 policy has a rate for are generated, residents only when it
/// has a 390 policy.
///
/// Providers and employers are one transaction; persons follow in chunks of one transaction each, with
/// progress in `batch_runs` (kind `generate`, period naming seed, size and month). Generation is
/// deterministic, so a run after a crash regenerates the persons already written, skips them and goes
/// on. The same generation again is a no-op; a different one into an already generated region is refused.
///
/// Persons are written in bulk rather than through `PersonRepository.create`, which checks and audits
/// one person at a time: the generator's people are valid by construction (tests check it) and each
/// chunk is one audit entry.
public struct SyntheticRegionWriter: Sendable {
    public struct Summary: Sendable, Equatable {
        public var region: String
        public var persons = 0
        public var employers = 0
        public var institutions = 0
        public var catalogueItems = 0
        public var declaredItems = 0
        public var unpaidBills = 0
        /// False when the same generation was already complete (nothing written).
        public var generated = true
    }

    public let database: any Database
    public var chunkSize: Int

    public init(database: any Database, chunkSize: Int = 5_000) {
        self.database = database
        self.chunkSize = chunkSize
    }

    static let kind = "generate"
    static let begin = LocalDate(year: 2024, month: 1, day: 1)!

    public func generate(region text: String, persons: Int, institutions: Int, seed: UInt64, month: String, by actor: AuditActor,
                         progress: @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }) async throws -> Summary {
        let region = try RegionCode.parse(text)
        let asOf = try BillingMonth.parse(month).firstDay
        guard (0...10_000).contains(institutions) else {
            throw DomainError(code: "SYNTHETIC_INSTITUTIONS", message: "机构数须在 0–10,000 之间", messageEn: "institutions must be 0–10,000",
                              path: "institutions")
        }
        let period = "seed=\(seed) persons=\(persons) institutions=\(institutions) month=\(month)"
        let previous = try await database.read { db in
            try await db.select().columns("period", "status", "processed").from("batch_runs").where("admdvs", .equal, region.value)
                .where("kind", .equal, Self.kind).first()
        }
        var summary = Summary(region: region.value)
        var resumeAt = 0
        if let previous {
            guard try previous.decode(column: "period", as: String.self) == period else {
                throw DomainError(.conflict, code: "SYNTHETIC_EXISTS",
                                  message: "统筹区 \(region) 已生成过合成人口（\(try previous.decode(column: "period", as: String.self))），请用新的统筹区或新数据库",
                                  messageEn: "region \(region) already holds a generated population (\(try previous.decode(column: "period", as: String.self))); use another region or a fresh database",
                                  path: "region")
            }
            if try previous.decode(column: "status", as: String.self) == "done" {
                summary.generated = false
                return summary
            }
            resumeAt = try previous.decode(column: "processed", as: Int.self)
        } else if let other = try await generatedRegion(inCityOf: region) {
            // Identity numbers are allocated per county of the city (the code's first four digits)
            // from the same first sequence numbers, so a second region of the city would repeat them.
            throw DomainError(.conflict, code: "SYNTHETIC_CITY_TAKEN",
                              message: "同一城市（\(region.value.prefix(4))）已有合成统筹区 \(other)，合成人口的身份证号会重复；请用其他城市的统筹区代码或新数据库",
                              messageEn: "the city \(region.value.prefix(4)) already has the synthetic region \(other), whose identity numbers a second one would repeat; use a region code of another city or a fresh database",
                              path: "region")
        }
        if try await RegionRepository(database: database).all().first(where: { $0.admdvs == region.value }) == nil {
            try await establish(region, by: actor)
        }
        let policies = PolicyRepository(database: database)
        let employeePolicy = try await policies.inForce(region: region.value, insutype: Insutype.employeeBasic.rawValue, on: asOf)?
            .section(ContributionPolicy.self)
        let residents = try await policies.inForce(region: region.value, insutype: Insutype.residentBasic.rawValue, on: asOf) != nil
        let wage = try await RegionRepository(database: database).averageWage(region: region.value, year: asOf.year)
        if employeePolicy != nil && wage == nil { throw SettlementError.wageMissing(region.value, asOf.year) }
        var population = try SyntheticPopulation(.init(region: region, persons: persons, seed: seed, asOf: asOf, employeePolicy: employeePolicy,
                                                        residents: residents, averageWage: wage ?? .zero))
        let providers = SyntheticProviders(region: region, institutions: institutions, seed: seed)
        let schemes = (employeePolicy != nil ? [Insutype.employeeBasic.rawValue] : []) + (residents ? [Insutype.residentBasic.rawValue] : [])
        summary.employers = population.employers.count
        summary.institutions = providers.institutions.count
        summary.catalogueItems = providers.items.count * schemes.count
        // Written with the progress row in one transaction: a resumed run finds them there.
        if previous == nil {
            let (writeProviders, writeEmployers) = (providers, population.employers)
            summary.declaredItems = try await database.write { db in
                let declared = try await Self.write(writeProviders, schemes: schemes, region: region.value, in: db)
                try await Self.write(writeEmployers, region: region.value, in: db)
                try await db.insert(into: "batch_runs").columns("admdvs", "kind", "period", "status", "last_psn_no", "processed", "started_at")
                    .values(SQLBind(region.value), SQLBind(Self.kind), SQLBind(period), SQLBind("running"), SQLBind(0), SQLBind(0),
                            SQLBind(Clock.nowMillis())).run()
                try await AuditTrail.append(actor.event(action: "synthetic.providers", target: "region:\(region)",
                                                        after: "\(period) institutions=\(writeProviders.institutions.count) items=\(writeProviders.items.count) employers=\(writeEmployers.count)"),
                                            in: db)
                return declared
            }
        }
        let employerIDs = try await employerIDs(population.employers, region: region.value)
        progress(0, persons)
        var done = 0
        while population.remaining > 0 {
            let chunk = try population.next(chunkSize)
            defer { done += chunk.count }
            // Already written before a crash: regenerated (to keep the sequence) and skipped.
            if done + chunk.count <= resumeAt { continue }
            let fresh = Array(chunk.dropFirst(max(0, resumeAt - done)))
            let through = done + chunk.count
            let finished = through == persons
            summary.unpaidBills += try await database.write { db in
                // The audit head first, as `EnrolmentRepository.append` holds it before the insured counts.
                try await AuditTrail.append(actor.event(action: "synthetic.persons", target: "region:\(region)",
                                                        after: "\(period) written=\(fresh.count) through=\(through)"), in: db)
                let bills = try await Self.write(fresh, employerIDs: employerIDs, region: region.value, year: asOf.year, by: actor, in: db)
                try await db.update("batch_runs").set("processed", to: SQLBinaryExpression(SQLColumn("processed"), .add, SQLBind(fresh.count)))
                    .set("status", to: finished ? "done" : "running").set("finished_at", to: finished ? Clock.nowMillis() : nil)
                    .where("admdvs", .equal, region.value).where("kind", .equal, Self.kind).run()
                return bills
            }
            summary.persons += fresh.count
            progress(through, persons)
        }
        if persons == 0 {
            try await database.write { db in
                try await db.update("batch_runs").set("status", to: "done").set("finished_at", to: Clock.nowMillis())
                    .where("admdvs", .equal, region.value).where("kind", .equal, Self.kind).run()
            }
        }
        if database.dialect == .postgres {
            try await database.write { db in try await Self.analyzeLoadedTables(in: db) }
        }
        return summary
    }

    /// Another region of the same city (first four digits) that holds a generated population.
    func generatedRegion(inCityOf region: RegionCode) async throws -> String? {
        try await database.read { db in
            try await db.select().column("admdvs").from("batch_runs").where("kind", .equal, Self.kind)
                .where("admdvs", .like, region.value.prefix(4) + "%").where("admdvs", .notEqual, region.value).first()?
                .decode(column: "admdvs", as: String.self)
        }
    }

    /// Planner statistics for the tables that hold rows, and none for the empty ones.
    ///
    /// Why: rows loaded in bulk have no statistics until autovacuum reaches them; until then PostgreSQL
    /// read a bill's five catalogue codes by scanning the region's whole catalogue under the primary
    /// key's first column (1.4 ms a look-up instead of 0.05 ms, measured). But an empty table analysed
    /// is taken to stay empty: the statements prepared on it (a fee upload's, a settlement's) get a
    /// generic plan that scans it, kept until autovacuum's first ANALYZE a minute or more later
    /// (0.4–0.6 ms a look-up on `fee_details` instead of 0.15, measured). Never analysed, PostgreSQL
    /// assumes ten pages and uses the index.
    static func analyzeLoadedTables(in db: any SQLDatabase) async throws {
        let tables = try await db.raw("""
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'r' AND n.nspname = current_schema() ORDER BY c.relname
            """).all().map { try $0.decode(column: "relname", as: String.self) }
        for table in tables {
            let filled = try await db.raw("SELECT EXISTS (SELECT 1 FROM \(ident: table)) AS filled").first()?
                .decode(column: "filled", as: Bool.self) ?? false
            if filled { try await db.raw("ANALYZE \(ident: table)").run() }
        }
    }

    /// Creates region R with W and the municipal employee and Benxi resident presets re-targeted to it.
    func establish(_ region: RegionCode, by actor: AuditActor) async throws {
        let parameters = try PolicyPresets.regionParameters(PolicyPresets.municipalEmployee)
        var documents: [PolicyDocument] = []
        for preset in [PolicyPresets.municipalEmployee, PolicyPresets.benxiResident] {
            let original = try PolicyPresets.document(preset)
            // The preset's own id and region, each on its own top-level line.
            let text = try PolicyPresets.text(preset.file)
                .replacingAll("\nid: \(original.metadata.id)\n", with: "\nid: \(original.metadata.id)-synthetic-\(region.value)\n")
                .replacingAll("\nregion: \"\(original.metadata.region.value)\"\n", with: "\nregion: \"\(region.value)\"\n")
            documents.append(try PolicyDocument.load(text: text, file: "synthetic/\(preset.file)-\(region.value).yaml"))
        }
        try await database.write { [database, documents] db in
            let regions = RegionRepository(database: database)
            try await regions.create(RegionRecord(admdvs: region.value, name: "合成统筹区 \(region.value)", nameEn: "Synthetic region \(region.value)"),
                                     by: actor, in: db)
            for (year, bases) in parameters.years.sorted(by: { $0.key < $1.key }) {
                try await regions.setParameters(region: region.value, year: year, averageWage: bases.avgWage, averagePension: bases.avgPension,
                                                minimumWage: bases.minWage, by: actor, in: db)
            }
            for document in documents { try await PolicyRepository(database: database).store(document, by: actor, in: db) }
        }
    }

    /// Institutions (active from 2024), the catalogue for each scheme and the declared lists; returns
    /// the number of declared lines.
    static func write(_ providers: SyntheticProviders, schemes: [String], region: String, in db: any SQLDatabase) async throws -> Int {
        let now = Clock.nowMillis()
        let start = begin.description
        try await BulkInsert.insert(into: "institutions", columns: ["admdvs", "fixmedins_code", "name", "kind", "grade", "created_at"],
                                    rows: providers.institutions.map { [region, $0.code, $0.name, $0.kind, $0.grade, now] }, in: db)
        try await BulkInsert.insert(into: "institution_status",
                                    columns: ["admdvs", "fixmedins_code", "begndate", "status", "reason", "created_at", "created_by"],
                                    rows: providers.institutions.map { [region, $0.code, start, "active", "合成", now, "synthetic"] }, in: db)
        try await BulkInsert.insert(
            into: "catalogue_items",
            columns: ["admdvs", "med_list_codg", "insutype", "name", "kind", "chrgitm_lv", "pric_uplmt_fen", "lmt_indication", "min_hosp_lv",
                      "begndate", "updated_at"],
            rows: schemes.flatMap { scheme in
                providers.items.map { [region, $0.code, scheme, $0.name, $0.kind, $0.listClass.chrgitmLv, $0.ceiling?.fen, "", $0.minGrade, start, now] }
            }, in: db)
        var declared = 0
        for (index, institution) in providers.institutions.enumerated() {
            let items = providers.declared(by: institution, index: index)
            declared += items.count
            try await BulkInsert.insert(
                into: "institution_declared_items",
                columns: ["admdvs", "fixmedins_code", "medins_list_codg", "med_list_codg", "begndate", "updated_at"],
                rows: items.map { [region, institution.code, DemoSettlementData.medinsCode($0.code), $0.code, start, now] }, in: db)
        }
        return declared
    }

    static func write(_ employers: [SyntheticPopulation.Employer], region: String, in db: any SQLDatabase) async throws {
        let now = Clock.nowMillis()
        try await BulkInsert.insert(into: "employers", columns: ["admdvs", "id", "credit_code", "name", "kind", "created_at"],
                                    rows: employers.map { [region, IDGenerator.shared.next(), $0.creditCode.value, $0.name, $0.kind, now] },
                                    in: db)
    }

    /// The stored id of each generated employer, by index (read back by credit code).
    func employerIDs(_ employers: [SyntheticPopulation.Employer], region: String) async throws -> [Int64] {
        let byCode = try await database.read { db in
            Dictionary(try await db.select().columns("id", "credit_code").from("employers").where("admdvs", .equal, region).all().map {
                (try $0.decode(column: "credit_code", as: String.self), try $0.decode(column: "id", as: Int64.self))
            }, uniquingKeysWith: { a, _ in a })
        }
        return try employers.map { employer in
            guard let id = byCode[employer.creditCode.value] else {
                throw DomainError(.notFound, code: "SYNTHETIC_EMPLOYER_MISSING", message: "合成单位 \(employer.creditCode) 未找到",
                                  messageEn: "generated employer \(employer.creditCode) is missing", path: "region")
            }
            return id
        }
    }

    /// A day's change of the insured count of one category (`InsuredCountChanges`), summed over a chunk.
    struct ChangeKey: Hashable {
        var category: String
        var date: String
    }

    /// One chunk of persons with everything that hangs off them; returns the number of unpaid bills.
    static func write(_ persons: [SyntheticPopulation.Person], employerIDs: [Int64], region: String, year: Int, by actor: AuditActor,
                      in db: any SQLDatabase) async throws -> Int {
        let now = Clock.nowMillis()
        let ids = persons.map { _ in IDGenerator.shared.next() }
        var people: [[BulkInsert.Value]] = [], accounts: [[BulkInsert.Value]] = [], ledger: [[BulkInsert.Value]] = []
        var events: [[BulkInsert.Value]] = [], roster: [[BulkInsert.Value]] = [], bases: [[BulkInsert.Value]] = []
        var bills: [[BulkInsert.Value]] = []
        var countChanges: [ChangeKey: Int64] = [:]
        let counterparty = "crediting:\(region)"
        for (person, psnNo) in zip(persons, ids) {
            let statuses = PersonRecord.text(of: person.statuses)
            let since = person.events[person.events.count - 1].date.description
            people.append([region, psnNo, person.certno.value, person.name, person.sex.rawValue, person.birthDate.description,
                           person.category.rawValue, statuses, person.insutype.rawValue, person.enrolBegin.description,
                           person.isInterrupted ? "interrupted" : "active", since, person.continuousYears, person.continuousYears, now])
            accounts.append([region, psnNo, person.account.firstLevel.fen, person.account.secondLevel.fen, now])
            // The opening balance as one double-entry movement, like `PersonRepository.create`.
            if !person.account.firstLevel.isZero {
                let movement = IDGenerator.shared.next()
                ledger.append([region, IDGenerator.shared.next(), movement, psnNo, AccountLevel.first.rawValue, person.account.firstLevel.fen, "opening", now])
                ledger.append([region, IDGenerator.shared.next(), movement, psnNo, counterparty, -person.account.firstLevel.fen, "opening", now])
            }
            var previous: String?
            for (seq, event) in person.events.enumerated() {
                let columns = EnrolmentRepository.columns(of: event)
                events.append([region, psnNo, seq + 1, columns.kind, event.date.description, columns.region, columns.insutype, columns.category,
                               columns.gapPaidOn, columns.reason, now, actor.name])
                countChanges[ChangeKey(category: person.category.rawValue, date: event.date.description), default: 0]
                    += InsuredCountChanges.delta(from: previous, to: columns.kind)
                previous = columns.kind
            }
            let employerID = person.employer.map { employerIDs[$0] } ?? 0
            for change in person.roster {
                roster.append([region, IDGenerator.shared.next(), employerID, psnNo, change.hire ? "hire" : "leave", change.month, now, actor.name])
            }
            if let base = person.base {
                bases.append([region, employerID, psnNo, year, base.declared.fen,
                              base.amount.fen, base.adjustment.rawValue, base.reason?.zh ?? "", now, actor.name])
            }
            for arrear in person.arrears {
                bills.append([region, IDGenerator.shared.next(), employerID, psnNo, arrear.month, arrear.employerShare.fen,
                              arrear.individualShare.fen, arrear.dueDate.description, 0, now])
            }
        }
        try await BulkInsert.insert(
            into: "persons",
            columns: ["admdvs", "psn_no", "certno", "name", "sex", "birth_date", "psn_type", "special_statuses", "insutype", "enrol_begin",
                      "eligibility", "eligibility_since", "continuous_years", "serious_illness_years", "created_at"],
            rows: people, in: db)
        try await BulkInsert.insert(into: "person_accounts", columns: ["admdvs", "psn_no", "first_level_fen", "second_level_fen", "updated_at"],
                                    rows: accounts, in: db)
        try await BulkInsert.insert(into: "account_ledger",
                                    columns: ["admdvs", "entry_id", "movement_id", "psn_no", "ledger_account", "amount_fen", "kind", "created_at"],
                                    rows: ledger, in: db)
        try await BulkInsert.insert(into: "enrolment_events",
                                    columns: ["admdvs", "psn_no", "seq", "kind", "event_date", "region", "insutype", "category", "gap_paid_on",
                                              "reason", "created_at", "created_by"],
                                    rows: events, in: db)
        for (key, delta) in countChanges {
            try await InsuredCountChanges.add(delta, admdvs: region, category: key.category, on: key.date, in: db)
        }
        try await BulkInsert.insert(into: "employer_roster_events",
                                    columns: ["admdvs", "id", "employer_id", "psn_no", "kind", "effective_month", "created_at", "created_by"],
                                    rows: roster, in: db)
        try await BulkInsert.insert(into: "contribution_bases",
                                    columns: ["admdvs", "employer_id", "psn_no", "year", "declared_fen", "base_fen", "adjustment", "reason",
                                              "locked_at", "locked_by"],
                                    rows: bases, in: db)
        try await BulkInsert.insert(into: "contribution_bills",
                                    columns: ["admdvs", "id", "employer_id", "psn_no", "month", "employer_fen", "individual_fen", "due_date",
                                              "paid_fen", "created_at"],
                                    rows: bills, in: db)
        return bills.count
    }
}
