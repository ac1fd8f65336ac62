import SQLKit
import YibaoCore

/// Minimal person registry: create a person with their personal account, find them by `psn_no` or
/// identity number.
public struct PersonRepository: Sendable {
    public let database: any Database
    public init(database: any Database) { self.database = database }

    /// Registers a person, records their enrolment (an `enrolled` event on `enrolBegin`, which starts the
    /// policy's waiting period) and opens their account with the given balances (credited as an opening
    /// movement in the ledger). Returns the record with its new `psn_no`.
    @discardableResult
    public func create(_ person: PersonRecord, account: AccountBalances = AccountBalances(), by actor: AuditActor,
                       in db: any SQLDatabase) async throws -> PersonRecord {
        _ = try IdentityNumber.parse(person.certno)
        let scheme = InsuredScheme(region: try RegionCode.parse(person.admdvs), insutype: try Insutype.parse(person.insutype))
        guard !account.firstLevel.isNegative, !account.secondLevel.isNegative else {
            throw DomainError(code: "ACCOUNT_NEGATIVE", message: "账户余额不能为负", messageEn: "account balances must not be negative", path: "account")
        }
        guard try await Self.find(certno: person.certno, in: db).isEmpty else {
            throw DomainError(.conflict, code: "PERSON_EXISTS", message: "该身份证号码已登记参保人",
                              messageEn: "a person with this identity number is already registered", path: "certno")
        }
        var record = person
        record.psnNo = IDGenerator.shared.next()
        let now = Clock.nowMillis()
        try await db.insert(into: "persons")
            .columns("admdvs", "psn_no", "certno", "name", "sex", "birth_date", "psn_type", "special_statuses", "insutype",
                     "enrol_begin", "enrol_end", "eligibility", "eligibility_reason", "eligibility_since", "continuous_years",
                     "serious_illness_years", "hukou_admdvs", "created_at")
            .values(SQLBind(record.admdvs), SQLBind(record.psnNo), SQLBind(record.certno), SQLBind(record.name), SQLBind(record.sex.rawValue),
                    SQLBind(record.birthDate.description), SQLBind(record.category.rawValue), SQLBind(record.statusNames),
                    SQLBind(record.insutype), SQLBind(record.enrolBegin.description), SQLBind(record.enrolEnd?.description),
                    SQLBind(record.eligibility.rawValue), SQLBind(record.eligibilityReason), SQLBind(record.eligibilitySince.description),
                    SQLBind(record.continuousYears), SQLBind(record.seriousIllnessYears), SQLBind(record.hukouRegion), SQLBind(now))
            .run()
        try await EnrolmentRepository.append(.enrolled(on: record.enrolBegin, scheme: scheme, category: record.category),
                                             admdvs: record.admdvs, psnNo: record.psnNo, by: actor, in: db)
        try await db.insert(into: "person_accounts").columns("admdvs", "psn_no", "first_level_fen", "second_level_fen", "updated_at")
            .values(SQLBind(record.admdvs), SQLBind(record.psnNo), SQLBind(account.firstLevel.fen), SQLBind(account.secondLevel.fen), SQLBind(now))
            .run()
        var postings: [AccountLedgerWriter.Posting] = []
        if !account.firstLevel.isZero { postings.append(AccountLedgerWriter.Posting(level: .first, amount: account.firstLevel)) }
        if !account.secondLevel.isZero { postings.append(AccountLedgerWriter.Posting(level: .second, amount: account.secondLevel)) }
        try await AccountLedgerWriter.post(postings, admdvs: record.admdvs, psnNo: record.psnNo, counterparty: "crediting:\(record.admdvs)",
                                           setlID: nil, kind: "opening", in: db)
        try await AuditTrail.append(AuditEvent(region: record.admdvs, actor: actor.name, role: actor.role, action: "person.create",
                                               target: "person:\(record.psnNo)", after: "insutype=\(record.insutype) type=\(record.category.rawValue)"),
                                    in: db)
        return record
    }

    public static func find(psnNo: Int64, in db: any SQLDatabase) async throws -> PersonRecord? {
        try await db.first(byNumber, psnNo).map(PersonRecord.init(row:))
    }
    private static let byNumber = StaticSQL("SELECT * FROM persons WHERE psn_no = $1 LIMIT 1")

    public static func find(certno: String, in db: any SQLDatabase) async throws -> [PersonRecord] {
        try await db.select().column("*").from("persons").where("certno", .equal, certno).all().map(PersonRecord.init(row:))
    }

    public func find(psnNo: Int64) async throws -> PersonRecord? {
        try await database.read { db in try await Self.find(psnNo: psnNo, in: db) }
    }

    /// Balances; with `lock` the row is locked for the rest of the transaction (the per-person
    /// settlement lock on PostgreSQL; SQLite's single writer already serialises).
    public static func account(admdvs: String, psnNo: Int64, lock: Bool, in db: any SQLDatabase) async throws -> AccountBalances {
        try balances(of: psnNo, in: try await db.rows(lock ? lockedBalances : balances, admdvs, psnNo))
    }

    /// The same, then `reads`, which run after the balances are read (and locked): on PostgreSQL they go
    /// to the connection with it and are answered after one wait (`SQLDatabase.first(_:_:as:then:)`).
    static func account<T: Sendable>(admdvs: String, psnNo: Int64, lock: Bool, in db: any SQLDatabase,
                                     then reads: @escaping @Sendable () async throws -> T) async throws -> (AccountBalances, T) {
        try await db.first(lock ? lockedBalances : balances, [admdvs, psnNo], as: { try balances(of: psnNo, in: $0) }, then: reads)
    }

    private static func balances(of psnNo: Int64, in rows: [any SQLRow]) throws -> AccountBalances {
        guard let row = rows.first else {
            throw DomainError(.notFound, code: "ACCOUNT_NOT_FOUND", message: "参保人 \(psnNo) 没有个人账户记录",
                              messageEn: "person \(psnNo) has no account row", path: "psn_no")
        }
        return AccountBalances(firstLevel: Money(fen: try row.decode(column: "first_level_fen", as: Int64.self)),
                               secondLevel: Money(fen: try row.decode(column: "second_level_fen", as: Int64.self)))
    }

    private static let balances = StaticSQL("SELECT first_level_fen, second_level_fen FROM person_accounts WHERE admdvs = $1 AND psn_no = $2")
    private static let lockedBalances = StaticSQL(locking: "SELECT first_level_fen, second_level_fen FROM person_accounts WHERE admdvs = $1 AND psn_no = $2")

    public func account(admdvs: String, psnNo: Int64) async throws -> AccountBalances {
        try await database.read { db in try await Self.account(admdvs: admdvs, psnNo: psnNo, lock: false, in: db) }
    }
}

extension PersonRecord {
    init(row: any SQLRow) throws {
        self.init(admdvs: try row.decode(column: "admdvs", as: String.self),
                  psnNo: try row.decode(column: "psn_no", as: Int64.self),
                  certno: try row.decode(column: "certno", as: String.self),
                  name: try row.decode(column: "name", as: String.self),
                  sex: Sex(rawValue: try row.decode(column: "sex", as: String.self)) ?? .male,
                  birthDate: try LocalDate.parse(try row.decode(column: "birth_date", as: String.self)),
                  category: PersonCategory(rawValue: try row.decode(column: "psn_type", as: String.self)) ?? .employee,
                  statuses: PersonRecord.statuses(from: try row.decode(column: "special_statuses", as: String.self)),
                  insutype: try row.decode(column: "insutype", as: String.self),
                  enrolBegin: try LocalDate.parse(try row.decode(column: "enrol_begin", as: String.self)),
                  enrolEnd: try row.decode(column: "enrol_end", as: String?.self).map { try LocalDate.parse($0) },
                  eligibility: PersonRecord.EligibilityStatus(rawValue: try row.decode(column: "eligibility", as: String.self)) ?? .interrupted,
                  eligibilityReason: try row.decode(column: "eligibility_reason", as: String.self),
                  eligibilitySince: try LocalDate.parse(try row.decode(column: "eligibility_since", as: String.self)),
                  continuousYears: try row.decode(column: "continuous_years", as: Int.self),
                  seriousIllnessYears: try row.decode(column: "serious_illness_years", as: Int.self),
                  hukouRegion: try row.decode(column: "hukou_admdvs", as: String.self))
    }
}
