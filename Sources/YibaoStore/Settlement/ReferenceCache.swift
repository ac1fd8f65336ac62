import SQLKit
import Synchronization
import YibaoCore

/// Catalogue rows and declarations kept in this process, and still exact.
///
/// Every change to `catalogue_items` or `institution_declared_items` raises `reference_version` in
/// the changing transaction (migration 13's triggers), whichever process or tool makes it. A read
/// first reads that number; what is kept is used only while it is the number the rows were kept
/// under, and is dropped whole when it moves. So a catalogue correction applies to the next basis
/// read, as it did when every read went to the tables, which an expiring cache would not give.
///
/// Why: the two reads were the largest left in a settlement's basis (about 45 µs of SQLite's CPU a
/// flow, and four of PostgreSQL's statements), for rows that change a few times a year. The number
/// costs one statement a read instead of two, and none when the bill has no codes.
///
/// On SQLite the number and the rows come from one read transaction's snapshot. On PostgreSQL (read
/// committed) rows read after the number may be newer than it; kept under the older number, they are
/// dropped as soon as any read sees the newer one, so nothing older than a read's own number is used.
///
/// One cache belongs to one database (see `ExpiringCache`); `RealTimeSettlement` holds it.
public final class ReferenceCache: Sendable {
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
        /// nil: the code is not in the catalogue (kept too: the tables' number covers inserts).
        var catalogue: [CatalogueKey: CatalogueItem?] = [:]
        var declared: [DeclaredKey: [DeclaredItem]] = [:]
    }
    private let kept = Mutex(Kept())
    private let limit: Int

    /// Beyond `limit` codes the cache starts over: a bound against a region whose institutions all
    /// bill different codes, not an LRU.
    public init(limit: Int = 200_000) {
        self.limit = limit
    }

    /// The catalogue rows and `institution`'s declarations for `codes`: what is kept under the
    /// current number, and the rest read (two queries) and kept.
    func reference(_ codes: some Collection<String>, region: String, insutype: String, institution: String,
                   in db: any SQLDatabase) async throws -> FeeReference {
        let distinct = Set(codes)
        guard !distinct.isEmpty else { return .empty }
        guard let row = try await db.first(Self.currentVersion) else { throw StoreError.missingRow("reference_version") }
        let version = try row.decode(column: "version", as: Int64.self)
        var reference = FeeReference.empty
        let missing = kept.withLock { kept -> [String] in
            if kept.version != version { kept = Kept(version: version) }
            return distinct.filter { code in
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
            guard kept.version == version else { return }
            if kept.catalogue.count + missing.count > limit { kept = Kept(version: version) }
            for code in missing {
                kept.catalogue.updateValue(read.catalogue[code], forKey: CatalogueKey(region: region, insutype: insutype, code: code))
                kept.declared[DeclaredKey(institution: institution, code: code)] = declaredByCode[code] ?? []
            }
        }
        for code in missing { reference.add(code, item: read.catalogue[code], declared: declaredByCode[code] ?? []) }
        return reference
    }

    private static let currentVersion = StaticSQL("SELECT version FROM reference_version WHERE id = 1")
}
