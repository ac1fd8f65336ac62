import SQLKit
import YibaoCore

/// Registration of checked persons (`PersonRegistration.Checked`) with their dated statuses, alone or as a
/// resident household; statuses recorded or ended later; the statuses in force on a date. Under a
/// policy with `resident.whole_household`, a resident who is not a student cannot be registered alone:
/// the household is registered and enrolled together (`registerHousehold`), and later members (a
/// newborn, a spouse moving in) join an existing household.
extension PersonRepository {
    /// One member of a household being registered.
    public struct Member: Sendable {
        public var person: PersonRegistration.Checked
        public var relation: HouseholdRelation
        public init(person: PersonRegistration.Checked, relation: HouseholdRelation) {
            self.person = person
            self.relation = relation
        }
    }

    /// Registers and enrols one person in `insutype` from `enrolOn`, joining household `householdID` when
    /// given. Refused when the whole-household rule applies and no household is named.
    public func register(_ person: PersonRegistration.Checked, admdvs: String, insutype: Insutype, enrolOn: LocalDate,
                         household: (id: Int64, relation: HouseholdRelation)?, policy: ContributionPolicy, by actor: AuditActor,
                         in db: any SQLDatabase) async throws -> PersonRecord {
        if let household {
            try Self.requireResidentScheme(insutype)
            guard try await Self.householdExists(admdvs: admdvs, id: household.id, in: db) else {
                throw DomainError(.notFound, code: "HOUSEHOLD_NOT_FOUND", message: "本统筹区没有该家庭户", messageEn: "no such household in the region",
                                  path: "household_id")
            }
            guard household.relation != .head else {
                throw DomainError(.conflict, code: "HOUSEHOLD_HEAD_EXISTS", message: "该家庭户已有户主", messageEn: "the household already has a head",
                                  path: "relation")
            }
        } else if Self.needsHousehold(person.category, policy: policy) {
            throw DomainError(code: "HOUSEHOLD_REQUIRED",
                              message: "城乡居民（学生除外）须以家庭为单位参保：请登记全家（/api/households）或指明所属家庭户 household_id",
                              messageEn: "residents other than students enrol as a whole household: register the household (/api/households) or give its household_id",
                              path: "household_id")
        }
        let record = try await insert(person, admdvs: admdvs, insutype: insutype, enrolOn: enrolOn, by: actor, in: db)
        if let household {
            try await Self.join(admdvs: admdvs, householdID: household.id, psnNo: record.psnNo, relation: household.relation, on: enrolOn, in: db)
        }
        return record
    }

    /// Registers a household and enrols every member in `insutype` from `enrolOn`, in the caller's one
    /// transaction: a refusal of any member (reported at `members[i]`) stores nobody.
    public func registerHousehold(_ members: [Member], address: String, admdvs: String, insutype: Insutype, enrolOn: LocalDate,
                                  by actor: AuditActor, in db: any SQLDatabase) async throws -> (id: Int64, members: [PersonRecord]) {
        try Self.requireResidentScheme(insutype)
        let heads = members.filter { $0.relation == .head }.count
        guard heads == 1 else {
            throw DomainError(code: "HOUSEHOLD_HEAD", message: "家庭户须有且只有一名户主（现有 \(heads) 名）",
                              messageEn: "a household needs exactly one head (found \(heads))", path: "members")
        }
        let id = IDGenerator.shared.next()
        try await db.insert(into: "households").columns("admdvs", "id", "address", "created_at", "created_by")
            .values(SQLBind(admdvs), SQLBind(id), SQLBind(address), SQLBind(Clock.nowMillis()), SQLBind(actor.name)).run()
        var records: [PersonRecord] = []
        for (index, member) in members.enumerated() {
            do {
                let record = try await insert(member.person, admdvs: admdvs, insutype: insutype, enrolOn: enrolOn, by: actor, in: db)
                try await Self.join(admdvs: admdvs, householdID: id, psnNo: record.psnNo, relation: member.relation, on: enrolOn, in: db)
                records.append(record)
            } catch let error as DomainError {
                throw error.at("members[\(index)]")
            }
        }
        try await AuditTrail.append(actor.event(action: "household.create", target: "household:\(id)", after: "members=\(records.count)"), in: db)
        return (id, records)
    }

    /// The household's members with their relation, head first.
    public static func household(admdvs: String, id: Int64, in db: any SQLDatabase) async throws -> [(person: PersonRecord, relation: HouseholdRelation)]? {
        guard try await householdExists(admdvs: admdvs, id: id, in: db) else { return nil }
        let rows = try await db.raw("""
            SELECT p.*, m.relation FROM household_members m JOIN persons p ON p.admdvs = m.admdvs AND p.psn_no = m.psn_no
            WHERE m.admdvs = \(bind: admdvs) AND m.household_id = \(bind: id) ORDER BY p.psn_no
            """).all()
        let members = try rows.map { row in
            (person: try PersonRecord(row: row), relation: HouseholdRelation(rawValue: try row.decode(column: "relation", as: String.self)) ?? .other)
        }
        return members.sorted { ($0.relation == .head ? 0 : 1, $0.person.psnNo) < ($1.relation == .head ? 0 : 1, $1.person.psnNo) }
    }

    /// The household a person belongs to and their relation to its head, if any.
    public static func membership(admdvs: String, psnNo: Int64, in db: any SQLDatabase) async throws -> (id: Int64, relation: HouseholdRelation)? {
        guard let row = try await db.select().column("household_id").column("relation").from("household_members")
            .where("admdvs", .equal, admdvs).where("psn_no", .equal, psnNo).first() else { return nil }
        return (try row.decode(column: "household_id", as: Int64.self),
                HouseholdRelation(rawValue: try row.decode(column: "relation", as: String.self)) ?? .other)
    }

    private static let statusPeriodsOf = StaticSQL("""
        SELECT * FROM person_statuses WHERE admdvs = $1 AND psn_no = $2 ORDER BY from_date, status
        """)

    /// Every dated status the person holds or held, oldest first.
    public static func statusPeriods(admdvs: String, psnNo: Int64, in db: any SQLDatabase) async throws -> [StatusPeriod] {
        try await db.rows(statusPeriodsOf, admdvs, psnNo).map { try statusPeriod($0, columns: ("status", "from_date", "through_date")) }
    }

    /// A period in `row`, its status, start and end read from `columns`.
    private static func statusPeriod(_ row: any SQLRow, columns: (status: String, from: String, through: String)) throws -> StatusPeriod {
        let name = try row.decode(column: columns.status, as: String.self)
        return StatusPeriod(status: SpecialStatuses.names.first { $0.0 == name }?.1 ?? [],
                            from: try LocalDate.parse(try row.decode(column: columns.from, as: String.self)),
                            through: try row.decode(column: columns.through, as: String?.self).map { try LocalDate.parse($0) })
    }

    /// Records a status held from `period.from` (a 低保 decision, a disability certificate) after
    /// registration; refused when it overlaps a period of the same status already recorded.
    public static func recordStatus(_ period: StatusPeriod, admdvs: String, psnNo: Int64, by actor: AuditActor,
                                    in db: any SQLDatabase) async throws {
        try period.check(against: try await statusPeriods(admdvs: admdvs, psnNo: psnNo, in: db))
        try await insertStatus(period, admdvs: admdvs, psnNo: psnNo, by: actor, in: db)
        try await AuditTrail.append(actor.event(action: "person.status", target: "person:\(psnNo)",
                                                after: "\(period.name) \(period.from)..\(period.through?.description ?? "")"), in: db)
    }

    /// Ends the open period of `status` on `through` (the last day it is held).
    public static func endStatus(_ status: SpecialStatuses, through: LocalDate, admdvs: String, psnNo: Int64, by actor: AuditActor,
                                 in db: any SQLDatabase) async throws {
        guard var open = try await statusPeriods(admdvs: admdvs, psnNo: psnNo, in: db).first(where: { $0.status == status && $0.through == nil }) else {
            throw DomainError(.notFound, code: "STATUS_NOT_HELD", message: "参保人没有未截止的该特殊身份", messageEn: "the person holds no open period of this status",
                              path: "status")
        }
        open.through = through
        try open.check(against: [])
        try await db.update("person_statuses").set("through_date", to: through.description)
            .where("admdvs", .equal, admdvs).where("psn_no", .equal, psnNo).where("status", .equal, open.name)
            .where("from_date", .equal, open.from.description).run()
        try await AuditTrail.append(actor.event(action: "person.status.end", target: "person:\(psnNo)",
                                                after: "\(open.name) \(open.from)..\(through)"), in: db)
    }

    /// The person with the special statuses in force on `date`, where dated statuses are recorded (the
    /// row's set, as registered, otherwise): what the rules of that day see.
    public static func asOf(_ person: PersonRecord, _ date: LocalDate, in db: any SQLDatabase) async throws -> PersonRecord {
        person.asOf(date, periods: try await statusPeriods(admdvs: person.admdvs, psnNo: person.psnNo, in: db))
    }

    /// The person encounter `mdtrtID` is for, with their dated statuses, in one statement keyed by the
    /// encounter: the settlement basis sends it together with the encounter's own read (a round trip
    /// fewer on PostgreSQL) and picks the statuses in force once it knows the date
    /// (`PersonRecord.asOf(_:periods:)`). Nil when there is no such encounter.
    static func find(ofEncounter mdtrtID: Int64, in db: any SQLDatabase) async throws -> (person: PersonRecord, periods: [StatusPeriod])? {
        let rows = try await db.rows(personOfEncounterWithStatusPeriods, mdtrtID)
        guard let first = rows.first else { return nil }
        let person = try PersonRecord(row: first)
        let periods = try rows.filter { try $0.decode(column: "admdvs", as: String.self) == person.admdvs
                                            && $0.decode(column: "period_status", as: String?.self) != nil }
            .map { try statusPeriod($0, columns: ("period_status", "period_from", "period_through")) }
        return (person, periods)
    }
    private static let personOfEncounterWithStatusPeriods = StaticSQL("""
        SELECT p.*, s.status AS period_status, s.from_date AS period_from, s.through_date AS period_through
        FROM encounters e JOIN persons p ON p.psn_no = e.psn_no
        LEFT JOIN person_statuses s ON s.admdvs = p.admdvs AND s.psn_no = p.psn_no
        WHERE e.mdtrt_id = $1 ORDER BY p.admdvs, s.from_date, s.status
        """)

    /// Whether the whole-household rule stops `category` from registering alone.
    static func needsHousehold(_ category: PersonCategory, policy: ContributionPolicy) -> Bool {
        policy.resident?.wholeHousehold == true && [.residentAdult, .residentElderly, .minor].contains(category)
    }

    /// The person row (with the statuses in force on the enrolment day, which the settlement reads), the
    /// enrolment event, the account and the dated statuses.
    private func insert(_ person: PersonRegistration.Checked, admdvs: String, insutype: Insutype, enrolOn: LocalDate, by actor: AuditActor,
                        in db: any SQLDatabase) async throws -> PersonRecord {
        let record = try await create(
            PersonRecord(admdvs: admdvs, certno: person.identity.value, name: person.name, sex: person.sex, birthDate: person.birthDate,
                         category: person.category, statuses: person.statuses(on: enrolOn), insutype: insutype.rawValue, enrolBegin: enrolOn,
                         hukouRegion: person.hukouRegion.value),
            by: actor, in: db)
        for period in person.statuses {
            try await Self.insertStatus(period, admdvs: admdvs, psnNo: record.psnNo, by: actor, in: db)
        }
        return record
    }

    private static func insertStatus(_ period: StatusPeriod, admdvs: String, psnNo: Int64, by actor: AuditActor,
                                     in db: any SQLDatabase) async throws {
        try await db.insert(into: "person_statuses")
            .columns("admdvs", "psn_no", "status", "from_date", "through_date", "created_at", "created_by")
            .values(SQLBind(admdvs), SQLBind(psnNo), SQLBind(period.name), SQLBind(period.from.description),
                    SQLBind(period.through?.description), SQLBind(Clock.nowMillis()), SQLBind(actor.name))
            .run()
    }

    private static func requireResidentScheme(_ insutype: Insutype) throws {
        guard [.residentBasic, .urbanResidentBasic].contains(insutype) else {
            throw DomainError(code: "HOUSEHOLD_SCHEME", message: "家庭户参保仅适用于城乡居民医保（390/391），不适用于险种 \(insutype.rawValue)",
                              messageEn: "households enrol in the resident scheme (390/391) only, not insutype \(insutype.rawValue)", path: "insutype")
        }
    }

    private static func householdExists(admdvs: String, id: Int64, in db: any SQLDatabase) async throws -> Bool {
        try await db.select().column("id").from("households").where("admdvs", .equal, admdvs).where("id", .equal, id).first() != nil
    }

    private static func join(admdvs: String, householdID: Int64, psnNo: Int64, relation: HouseholdRelation, on date: LocalDate,
                             in db: any SQLDatabase) async throws {
        try await db.insert(into: "household_members").columns("admdvs", "psn_no", "household_id", "relation", "joined_on")
            .values(SQLBind(admdvs), SQLBind(psnNo), SQLBind(householdID), SQLBind(relation.rawValue), SQLBind(date.description)).run()
    }
}
