import SQLKit
import YibaoCore

/// What a settlement needs that does not change while it runs (the encounter's identity, the person,
/// the institution, the policy in force and W), read before the write transaction so that the
/// transaction itself only reads the rows it locks and the bill's lines.
public struct SettlementBasis: Sendable {
    public var encounter: EncounterRecord
    public var person: PersonRecord
    public var institution: InstitutionRecord
    public var policy: BenefitPolicy
    /// The same document's `contributions` section (waiting periods for the eligibility answer); empty when absent.
    public var contributions: ContributionPolicy
    public var averageWage: Money
    /// The settlement date: the visit, the discharge, or (before discharge) the date asked for.
    public var date: LocalDate
    /// Catalogue rows and declarations for the codes of the bill as this read saw it (`BasisUse`).
    public var reference = FeeReference.empty
    /// The eligibility answer on `date`, read ahead for a settlement; nil: read in the transaction.
    public var eligibility: Eligibility?

    public var grade: InstitutionGrade { Self.grade(institution.grade) }

    /// National `hosp_lv` codes as stored on institutions → the engine's grade.
    static func grade(_ code: String) -> InstitutionGrade {
        switch code {
        case "1": .grade1
        case "2": .grade2
        case "3": .grade3
        case "3A": .grade3a
        case "3B": .grade3b
        default: .ungraded
        }
    }
}

/// One fee line as the engine saw it, with what the HIS is told about it.
public struct ClassifiedLine: Sendable, Equatable {
    public var fee: FeeDetail
    public var name: String
    public var priceCeiling: Money?
    /// Why a catalogue restriction made the line self-paid, if it did.
    public var restriction: String?
    public var declared: Bool
    public var result: LineResult
}

/// What a basis reads ahead for, besides the encounter, the person and the policy: whatever the
/// write transaction would otherwise read without needing its lock.
public enum BasisUse: Sendable {
    /// A fee upload of lines with these catalogue codes: their catalogue rows and declarations.
    case upload(codes: [String])
    /// A (pre-)settlement: the catalogue rows and declarations of the encounter's unsettled lines, and
    /// the eligibility answer.
    case settlement
}

extension RealTimeSettlement {
    /// Reads the basis for encounter `mdtrtID` as `institution` sees it (only its own encounters).
    public func basis(mdtrtID: Int64, institution: String, asOf: LocalDate? = nil,
                      for use: BasisUse = .settlement) async throws -> SettlementBasis {
        try await database.read { db in
            try await Self.basis(mdtrtID: mdtrtID, institution: InstitutionRepository.require(institution, in: db), asOf: asOf,
                                 for: use, references: references, in: db)
        }
    }

    /// The same for an institution already read (the HIS layer's, found when it authenticated the call).
    public func basis(mdtrtID: Int64, institution: InstitutionRecord, asOf: LocalDate? = nil,
                      for use: BasisUse = .settlement) async throws -> SettlementBasis {
        try await database.read { db in
            try await Self.basis(mdtrtID: mdtrtID, institution: institution, asOf: asOf, for: use, references: references, in: db)
        }
    }

    /// Everything in one read transaction: on SQLite a fee upload or settlement starts from one snapshot,
    /// not one per table. On PostgreSQL (read committed) each statement sees its own; the write
    /// transaction re-reads and locks what a settlement changes, so that costs no figure.
    static func basis(mdtrtID: Int64, institution: InstitutionRecord, asOf: LocalDate?, for use: BasisUse,
                      references: ReferenceCache, in db: any SQLDatabase) async throws -> SettlementBasis {
        // The encounter, its person and (for a settlement) its unsettled codes need only the encounter's
        // number: one wait on PostgreSQL.
        let wantsPending = if case .settlement = use { true } else { false }
        let (row, found, pending) = try await db.together(
            { try await db.first(encounterAndReferenceVersion, mdtrtID) },
            { try await PersonRepository.find(ofEncounter: mdtrtID, in: db) },
            { wantsPending ? try await db.rows(pendingCodes, mdtrtID).map { try $0.decode(column: "med_list_codg", as: String.self) } : [] })
        guard let row else { throw SettlementError.encounterNotFound(mdtrtID) }
        let encounter = try EncounterRecord(row: row)
        let version = try ReferenceCache.version(in: row, column: "reference_version")
        guard encounter.institution == institution.code else {
            throw SettlementError.foreign("就诊记录", "encounter", mdtrtID, path: "mdtrt_id")
        }
        let date = encounter.endtime ?? asOf ?? encounter.begntime
        guard let found else { throw SettlementError.personNotFound(encounter.psnNo) }
        // The special statuses in force on the settlement date (dated statuses where recorded).
        let person = found.person.asOf(date, periods: found.periods)
        let terms = try await references.terms(region: person.admdvs, insutype: encounter.insutype, on: date, version: version, in: db)
        var basis = SettlementBasis(encounter: encounter, person: person, institution: institution, policy: terms.policy,
                                    contributions: terms.contributions, averageWage: terms.averageWage, date: date)
        let codes: [String]
        switch use {
        case .upload(let uploaded): codes = uploaded
        case .settlement:
            codes = pending
            basis.eligibility = try await eligibility(basis, designations: {
                try await references.designations(institution.code, version: version, in: db)
            }, in: db)
        }
        basis.reference = try await references.fees(codes, region: person.admdvs, insutype: encounter.insutype,
                                                    institution: institution.code, version: version, in: db)
        return basis
    }
    /// The encounter and the reference tables' number in one statement (a round trip fewer on PostgreSQL).
    private static let encounterAndReferenceVersion = StaticSQL("""
        SELECT e.*, (\(ReferenceCache.versionQuery)) AS reference_version FROM encounters e WHERE e.mdtrt_id = $1
        """)
    private static let pendingCodes = StaticSQL("""
        SELECT DISTINCT med_list_codg FROM fee_details
        WHERE admdvs = (SELECT admdvs FROM encounters WHERE mdtrt_id = $1) AND mdtrt_id = $1 AND setl_id IS NULL
        """)

    static func encounter(_ mdtrtID: Int64, in db: any SQLDatabase) async throws -> EncounterRecord? {
        try await db.first(encounterByID, mdtrtID).map(EncounterRecord.init(row:))
    }
    private static let encounterByID = StaticSQL("SELECT * FROM encounters WHERE mdtrt_id = $1")

    /// Turns fee details into engine lines with `reference`'s catalogue rows and declarations (which
    /// must cover their codes: `FeeReference.covering`), applying the catalogue class, the ceiling × cnt,
    /// restrictions and the institution's declarations.
    static func feeLines(_ fees: [FeeDetail], basis: SettlementBasis, reference: FeeReference)
        -> (lines: [FeeLine], notes: [(name: String, ceiling: Money?, restriction: String?, declared: Bool)]) {
        let catalogue = reference.catalogue, declared = reference.declared
        let age = basis.person.age(on: basis.date)
        var lines: [FeeLine] = []
        var notes: [(name: String, ceiling: Money?, restriction: String?, declared: Bool)] = []
        lines.reserveCapacity(fees.count)
        for fee in fees {
            let item = catalogue[fee.code].flatMap { $0.isValid(on: fee.date) ? $0 : nil }
            let restriction = item?.restriction(sex: basis.person.sex, age: age, grade: basis.institution.grade)
            let isDeclared = declared.contains { $0.code == fee.code && $0.medinsCode == fee.medinsCode && $0.isValid(on: fee.date) }
            let listClass: ListClass = (item == nil || restriction != nil) ? .outOfCatalogue : item!.listClass
            let ceiling = item?.priceCeiling.flatMap { FeeDetail.times($0, countE4: fee.countE4) }
            lines.append(FeeLine(code: fee.code, name: item?.name ?? "", listClass: listClass, amount: fee.amount, quantity: 1,
                                 ceilingPrice: ceiling, declared: isDeclared, bedDays: item?.kind == .bed ? fee.bedDays : nil,
                                 date: fee.date))
            notes.append((item?.name ?? "", item?.priceCeiling, restriction, isDeclared))
        }
        return (lines, notes)
    }

    /// Eligibility on the settlement date: the answer over the stored enrolment events and arrears
    /// (waiting periods, interruptions, arrears — `coverage`), then the institution's designation, whose
    /// history `designations` gives (kept, or read).
    static func eligibility(_ basis: SettlementBasis, designations: @escaping @Sendable () async throws -> [DesignationStatus],
                            in db: any SQLDatabase) async throws -> Eligibility {
        let (coverage, history) = try await db.together({ try await Self.coverage(basis, in: db) }, designations)
        let person = coverage.eligibility
        if case .notCovered = person { return person }
        if InstitutionDesignationRepository.status(of: history, on: basis.date) != .active { return .notCovered(.institutionSuspended) }
        return person
    }

    /// The person's coverage on the settlement date, in the scheme of the encounter.
    static func coverage(_ basis: SettlementBasis, in db: any SQLDatabase) async throws -> CoverageAnswer {
        let answer = try await CoverageQuery.answer(for: basis.person, on: basis.date, policy: basis.contributions, in: db)
        if let scheme = answer.scheme, scheme.insutype.rawValue != basis.encounter.insutype { return CoverageAnswer(status: .notEnrolled) }
        return answer
    }
}
