/// All loaded versions of all policies, and the rule that picks the one in force.
///
/// A version is identified by (region, insutype, effective_from) and stays in force from its
/// first day until the day before the next version's first day. Older versions are kept: a
/// settlement is always recomputed under the version in force on its own date.
public struct PolicyLibrary: Sendable {
    private struct Scheme: Hashable {
        var region: RegionCode
        var insutype: Insutype
    }

    /// Versions per scheme, sorted by `effective_from`, oldest first.
    private var schemes: [Scheme: [PolicyDocument]] = [:]
    private var ids: [String: PolicyDocument] = [:]

    public init() {}

    /// Adds a version. Refused (conflict) when its id is taken, or when its scheme already has a
    /// version starting on the same day: two versions on one day would make resolution ambiguous.
    public mutating func add(_ document: PolicyDocument) throws(DomainError) {
        let meta = document.metadata
        if let existing = ids[meta.id] {
            throw DomainError(.conflict, code: "POLICY_ID_EXISTS",
                              message: "策略编号“\(meta.id)”已被 \(existing.file) 使用（\(document.file)）",
                              messageEn: "policy id \"\(meta.id)\" is already used by \(existing.file) (\(document.file))",
                              path: "id")
        }
        let scheme = Scheme(region: meta.region, insutype: meta.insutype)
        var versions = schemes[scheme, default: []]
        if let existing = versions.first(where: { $0.metadata.effectiveFrom == meta.effectiveFrom }) {
            throw DomainError(.conflict, code: "POLICY_VERSION_EXISTS",
                              message: "统筹区 \(meta.region) 险种 \(meta.insutype.rawValue) 自 \(meta.effectiveFrom) 起已有版本“\(existing.metadata.id)”，不能再加入“\(meta.id)”",
                              messageEn: "region \(meta.region) insutype \(meta.insutype.rawValue) already has version \"\(existing.metadata.id)\" from \(meta.effectiveFrom); \"\(meta.id)\" cannot be added",
                              path: "effective_from")
        }
        let position = versions.firstIndex { $0.metadata.effectiveFrom > meta.effectiveFrom } ?? versions.endIndex
        versions.insert(document, at: position)
        schemes[scheme] = versions
        ids[meta.id] = document
    }

    /// The version in force on `date`: the latest one whose `effective_from` is on or before it;
    /// nil before the first version.
    public func inForce(region: RegionCode, insutype: Insutype, on date: LocalDate) -> PolicyDocument? {
        versions(region: region, insutype: insutype).last { $0.metadata.effectiveFrom <= date }
    }

    /// Every version of a scheme, oldest first.
    public func versions(region: RegionCode, insutype: Insutype) -> [PolicyDocument] {
        schemes[Scheme(region: region, insutype: insutype)] ?? []
    }

    public func document(id: String) -> PolicyDocument? {
        ids[id]
    }
}
