import SQLKit
import YibaoCore

/// The catalogue rows and the institution's declarations for a bill's codes, read together.
///
/// Reference data, not rows a settlement locks: the HIS layer reads it with the basis, before the
/// write transaction, so that the single SQLite writer does not spend its time on reads any reader
/// could do (they were a sixth of the writer's SQL on the settlement path). A code the read did not
/// cover — a line uploaded in between — is read inside the transaction instead (`covering`).
public struct FeeReference: Sendable {
    /// The codes this reference answers for, found in the catalogue or not.
    public private(set) var codes: Set<String>
    public private(set) var catalogue: [String: CatalogueItem]
    public private(set) var declared: [DeclaredItem]

    /// Answers for no code: everything is read in the transaction.
    public static let empty = FeeReference(codes: [], catalogue: [:], declared: [])

    /// Two queries (one `IN` each) whatever the number of codes.
    static func read(_ codes: some Collection<String>, region: String, insutype: String, institution: String,
                     in db: any SQLDatabase) async throws -> FeeReference {
        let distinct = Array(Set(codes))
        return FeeReference(codes: Set(distinct),
                            catalogue: try await CatalogueRepository.items(codes: distinct, region: region, insutype: insutype, in: db),
                            declared: try await InstitutionDesignationRepository.declared(institution, codes: distinct, in: db))
    }

    /// Answers for `code` too, with its catalogue row (nil: not in the catalogue) and declarations.
    mutating func add(_ code: String, item: CatalogueItem?, declared: [DeclaredItem]) {
        codes.insert(code)
        if let item { catalogue[code] = item }
        self.declared += declared
    }

    /// This reference if it answers for every code in `codes`; otherwise one read of them all in `db`.
    func covering(_ codes: [String], basis: SettlementBasis, in db: any SQLDatabase) async throws -> FeeReference {
        if codes.allSatisfy(self.codes.contains) { return self }
        return try await Self.read(codes, region: basis.person.admdvs, insutype: basis.encounter.insutype,
                                   institution: basis.institution.code, in: db)
    }
}
