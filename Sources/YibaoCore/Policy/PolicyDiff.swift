/// What changed between two versions of a policy, for review before a new version is adopted.
///
/// Structural, over the YAML trees rather than the text, so reformatting, comments and key order
/// are not changes. Mapping keys are matched by name; lists by index, as a policy's lists are
/// ordered tables (segments, grades) whose rows are referred to by position. Scalars compare
/// by their written text: `"0.50"` → `"0.5"` is reported, since the file is what analysts review.
public enum PolicyDiff {
    /// Changes from `a` (older) to `b` (newer), in `a`'s order, with keys only in `b` after those of `a`.
    public static func between(_ a: PolicyDocument, _ b: PolicyDocument) -> [PolicyChange] {
        changes(a.tree, b.tree, at: "")
    }

    /// One `- path: old → new` line per change, for the CLI.
    public static func render(_ changes: [PolicyChange]) -> String {
        changes.isEmpty ? "无差异 / no differences" : changes.map(\.description).joined(separator: "\n")
    }

    private static func changes(_ a: PolicyNode, _ b: PolicyNode, at path: String) -> [PolicyChange] {
        switch (a, b) {
        case (.map(let old), .map(let new)):
            let kept = old.flatMap { entry -> [PolicyChange] in
                let entryPath = PolicyNode.path(path, key: entry.key)
                guard let match = b[entry.key] else {
                    return [PolicyChange(path: entryPath, kind: .removed, old: entry.value.inlineText, new: nil)]
                }
                return changes(entry.value, match, at: entryPath)
            }
            let added = new.filter { a[$0.key] == nil }.map {
                PolicyChange(path: PolicyNode.path(path, key: $0.key), kind: .added, old: nil, new: $0.value.inlineText)
            }
            return kept + added
        case (.list(let old), .list(let new)):
            return (0..<max(old.count, new.count)).flatMap { index -> [PolicyChange] in
                let itemPath = PolicyNode.path(path, index: index)
                switch (index < old.count ? old[index] : nil, index < new.count ? new[index] : nil) {
                case let (x?, y?): return changes(x, y, at: itemPath)
                case let (x?, nil): return [PolicyChange(path: itemPath, kind: .removed, old: x.inlineText, new: nil)]
                case let (nil, y?): return [PolicyChange(path: itemPath, kind: .added, old: nil, new: y.inlineText)]
                case (nil, nil): return []
                }
            }
        default:
            return a == b ? [] : [PolicyChange(path: path, kind: .changed, old: a.inlineText, new: b.inlineText)]
        }
    }
}
