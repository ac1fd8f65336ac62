import Yams

/// One version of one region's rules for one scheme, as an analyst wrote it: the metadata, the
/// original text (kept for display, audit and diff) and its sections, each decoded and validated.
///
/// A document only exists once its file has passed every check: `load` either returns it or
/// throws every problem found.
public struct PolicyDocument: Sendable {
    public let metadata: PolicyMetadata
    /// The file name the text was loaded under, as messages name it.
    public let file: String
    public let text: String
    /// The parsed YAML tree, compared by `PolicyDiff`.
    let tree: PolicyNode
    /// Decoded sections by key; type-erased because the container knows sections only by protocol.
    private let sections: [String: any PolicySection]

    /// The section of type `S`, or nil when the document does not contain it.
    public func section<S: PolicySection>(_ type: S.Type) -> S? {
        sections[S.key] as? S
    }

    /// Loads a document from its text. Pure: `file` only names the text in messages.
    ///
    /// Checks, all reported together: YAML syntax (alone, as nothing else can be read), metadata,
    /// unknown top-level keys, then per section: decoding (type errors with their path), unknown
    /// keys inside it (see `PolicyReader.decode`) and the section's own `validate(at:)`. A section
    /// stops at its first decoding error, as Codable does; other sections are still checked.
    public static func load(text: String, file: String,
                            sections types: [any PolicySection.Type] = PolicySections.all) throws(PolicyLoadError) -> PolicyDocument {
        let (yaml, tree) = try PolicyReader.composeMapping(text, file: file)
        var issues: [PolicyIssue] = []
        let metadata = PolicyMetadata.read(from: tree, issues: &issues)

        let allowed = PolicyMetadata.keys + types.map { $0.key }
        for entry in tree.entries ?? [] where !allowed.contains(entry.key) {
            issues.append(PolicyIssue(
                path: entry.key,
                message: "未知的顶层字段“\(entry.key)”，允许的字段：\(allowed.joined(separator: ", "))",
                messageEn: "unknown top-level key \"\(entry.key)\"; allowed keys: \(allowed.joined(separator: ", "))"))
        }

        var sections: [String: any PolicySection] = [:]
        for type in types {
            guard let node = yaml.mapping?[type.key] else { continue }
            sections[type.key] = decodeSection(type, from: node, issues: &issues)
        }

        guard issues.isEmpty, let metadata else { throw PolicyLoadError(file: file, issues: issues) }
        return PolicyDocument(metadata: metadata, file: file, text: text, tree: tree, sections: sections)
    }

    private static func decodeSection<S: PolicySection>(_ type: S.Type, from node: Node, issues: inout [PolicyIssue]) -> S? {
        guard let section = PolicyReader.decode(type, from: node, at: S.key, issues: &issues) else { return nil }
        issues += section.validate(at: S.key)
        return section
    }
}
