import SQLKit
import Synchronization
import YibaoCore

/// The reference data a settlement's basis reads — catalogue rows, an institution's declarations and
/// designation history, the policy in force and W — kept in this process, and still exact.
///
/// Every change to the tables they come from raises `reference_version` in the changing transaction
/// (the triggers of migrations 13 and 15), whichever process or tool makes it. A basis
/// first reads that number, with its encounter (`versionQuery`); what is kept is used only while it
/// is the number it was kept under, and all of it is dropped when the number moves. So a catalogue
/// correction or a new policy applies to the next basis read, as when every read went to the tables,
/// which an expiring cache would not give.
///
/// Why: these reads were the largest left in a basis (the catalogue rows and declarations about 45 µs
/// of SQLite's CPU a flow, with the policy and W six of PostgreSQL's statements a flow), for rows
/// that change a few times a year. The number costs a column of the basis's first statement. The
/// designation history joined them later (migration 15): a statement in every settlement's eligibility.
///
/// The number only rises. On SQLite the number and the rows come from one read transaction's snapshot,
/// and a read whose snapshot is older than what is kept reads the tables itself. On PostgreSQL (read
/// committed) rows read after the number may be newer than it; kept under the older number, they are
/// dropped as soon as any read sees the newer one, so nothing older than a read's own number is used.
///
/// One cache belongs to one database (see `ExpiringCache`); `RealTimeSettlement` holds it.
public final class ReferenceCache: Sendable {
    /// The policy sections and W a basis uses.
    struct Terms: Sendable {
        var policy: BenefitPolicy
        var contributions: ContributionPolicy
        var averageWage: Money
    }
    private struct TermsKey: Hashable {
        var region: String
        var insutype: String
        var date: LocalDate
    }
    private struct CatalogueKey: Hashable {
        var region: String
        var insutype: String
        var code: String
    }
    private struct DeclaredKey: Hashable {
        var institution: String
        var code: String
    }
    private struct Kept {
        var version: Int64 = -1
        var terms: [TermsKey: Terms] = [:]
        /// nil: the code is not in the catalogue (kept too: the number covers inserts).
        var catalogue: [CatalogueKey: CatalogueItem?] = [:]
        var declared: [DeclaredKey: [DeclaredItem]] = [:]
        /// By institution code.
        var designations: [String: [DesignationStatus]] = [:]

        /// Whether what is kept answers a read at `version`. A newer number drops everything and starts
        /// over at it; an older one (a snapshot from before a change) is neither answered nor kept.
        mutating func isAt(_ version: Int64) -> Bool {
            if version > self.version { self = Kept(version: version) }
            return version == self.version
        }

        /// Makes room for `count` more entries, starting over beyond `limit`.
        mutating func makeRoom(_ count: Int, limit: Int) {
            if catalogue.count + terms.count + designations.count + count > limit { self = Kept(version: version) }
        }
    }
    private let kept = Mutex(Kept())
    private let limit: Int

    /// Beyond `limit` entries the cache starts over: a bound against a region whose institutions all
    /// bill different codes, not an LRU.
    public init(limit: Int = 200_000) {
        self.limit = limit
    }

    /// The query for the number the reference tables are at, asked as a column of the basis's first read.
    static let versionQuery = "SELECT version FROM reference_version WHERE id = 1"

    /// The number in `column` of `row`; its absence is a database without migration 13's row.
    static func version(in row: (any SQLRow)?, column: String) throws -> Int64 {
        guard let version = try row?.decode(column: column, as: Int64?.self) else { throw StoreError.missingRow("reference_version") }
        return version
    }

    /// The benefit and contribution sections of the policy in force on `date` and W for its benefit year.
    func terms(region: String, insutype: String, on date: LocalDate, version: Int64, in db: any SQLDatabase) async throws -> Terms {
        let key = TermsKey(region: region, insutype: insutype, date: date)
        if let terms = kept.withLock({ $0.isAt(version) ? $0.terms[key] : nil }) { return terms }
        guard let document = try await PolicyRepository.inForce(region: region, insutype: insutype, on: date, in: db),
              let policy = document.section(BenefitPolicy.self) else {
            throw SettlementError.policyMissing(region, insutype, date)
        }
        let year = policy.benefitYear.start(containing: date).year
        guard let wage = try await RegionRepository.averageWage(region: region, year: year, in: db) else {
            throw SettlementError.wageMissing(region, year)
        }
        let terms = Terms(policy: policy, contributions: document.section(ContributionPolicy.self) ?? ContributionPolicy(), averageWage: wage)
        kept.withLock { kept in
            guard kept.isAt(version) else { return }
            kept.makeRoom(1, limit: limit)
            kept.terms[key] = terms
        }
        return terms
    }

    /// `institution`'s designation status history, oldest first.
    func designations(_ institution: String, version: Int64, in db: any SQLDatabase) async throws -> [DesignationStatus] {
        if let history = kept.withLock({ $0.isAt(version) ? $0.designations[institution] : nil }) { return history }
        let history = try await InstitutionDesignationRepository.history(institution, in: db)
        kept.withLock { kept in
            guard kept.isAt(version) else { return }
            kept.makeRoom(1, limit: limit)
            kept.designations[institution] = history
        }
        return history
    }

    /// The catalogue rows and `institution`'s declarations for `codes`: what is kept under `version`,
    /// and the rest read (two queries) and kept.
    func fees(_ codes: some Collection<String>, region: String, insutype: String, institution: String, version: Int64,
              in db: any SQLDatabase) async throws -> FeeReference {
        var reference = FeeReference.empty
        let missing = kept.withLock { kept -> [String] in
            guard kept.isAt(version) else { return Array(Set(codes)) }
            return Set(codes).filter { code in
                guard let item = kept.catalogue[CatalogueKey(region: region, insutype: insutype, code: code)],
                      let declared = kept.declared[DeclaredKey(institution: institution, code: code)] else { return true }
                reference.add(code, item: item, declared: declared)
                return false
            }
        }
        guard !missing.isEmpty else { return reference }
        let read = try await FeeReference.read(missing, region: region, insutype: insutype, institution: institution, in: db)
        let declaredByCode = Dictionary(grouping: read.declared, by: \.code)
        kept.withLock { kept in
            guard kept.isAt(version) else { return }
            kept.makeRoom(missing.count, limit: limit)
            for code in missing {
                kept.catalogue.updateValue(read.catalogue[code], forKey: CatalogueKey(region: region, insutype: insutype, code: code))
                kept.declared[DeclaredKey(institution: institution, code: code)] = declaredByCode[code] ?? []
            }
        }
        for code in missing { reference.add(code, item: read.catalogue[code], declared: declaredByCode[code] ?? []) }
        return reference
    }
}
