import Yams

/// A policy file's YAML tree as plain values: what the loader checks keys against and what
/// `PolicyDiff` compares.
///
/// Yams' own `Node` is a class-backed, non-`Sendable` type tied to its parser; documents are shared
/// across tasks, so the tree is copied once into this value type. Scalars keep their source text
/// (`"0.15"` and `15%` stay distinct), aliases arrive already expanded by Yams, and merge keys
/// (`<<: *defaults`) are applied the way YAML 1.1 defines them: explicit keys win over merged ones.
indirect enum PolicyNode: Sendable, Equatable {
    case null
    case scalar(String)
    case list([PolicyNode])
    case map([Entry])

    struct Entry: Sendable, Equatable {
        var key: String
        var value: PolicyNode
    }

    init(_ node: Node) {
        switch node {
        case .scalar(let scalar):
            self = PolicyNode.isNullScalar(scalar) ? .null : .scalar(scalar.string)
        case .sequence(let sequence):
            self = .list(sequence.map(PolicyNode.init))
        case .mapping(let mapping):
            var explicit: [Entry] = []
            var merged: [Entry] = []
            for (key, value) in mapping {
                let name = key.scalar?.string ?? PolicyNode(key).inlineText
                if name == "<<", key.scalar?.style == .plain {
                    merged += PolicyNode.mergeSources(PolicyNode(value))
                } else {
                    explicit.append(Entry(key: name, value: PolicyNode(value)))
                }
            }
            let names = Set(explicit.map(\.key))
            var seen = Set<String>()
            let inherited = merged.filter { !names.contains($0.key) && seen.insert($0.key).inserted }
            self = .map(explicit + inherited)
        case .alias:
            self = .null
        }
    }

    /// `<<: *a` merges one mapping; `<<: [*a, *b]` merges several, earlier ones winning.
    private static func mergeSources(_ value: PolicyNode) -> [Entry] {
        switch value {
        case .map(let entries): return entries
        case .list(let items): return items.flatMap { item -> [Entry] in
            if case .map(let entries) = item { return entries }
            return []
        }
        default: return []
        }
    }

    /// Plain `~`, `null`, an empty value: YAML's null, exactly as Yams' decoder reads it.
    private static func isNullScalar(_ scalar: Node.Scalar) -> Bool {
        scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    subscript(key: String) -> PolicyNode? {
        guard case .map(let entries) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    var entries: [Entry]? {
        if case .map(let entries) = self { return entries }
        return nil
    }

    var isNull: Bool { self == .null }

    /// One-line flow rendering for messages and diffs: `200`, `[a, b]`, `{grade: 1, amount: 200}`.
    var inlineText: String {
        switch self {
        case .null: return "null"
        case .scalar(let text): return text
        case .list(let items): return "[" + items.map(\.inlineText).joined(separator: ", ") + "]"
        case .map(let entries): return "{" + entries.map { "\($0.key): \($0.value.inlineText)" }.joined(separator: ", ") + "}"
        }
    }

    /// `inlineText` cut to a length that fits in a message line.
    var abbreviatedText: String {
        let text = inlineText
        return text.count <= 60 ? text : String(text.prefix(59)) + "…"
    }

    /// `parent.key`, or just `key` at the top.
    static func path(_ parent: String, key: String) -> String {
        parent.isEmpty ? key : parent + "." + key
    }

    static func path(_ parent: String, index: Int) -> String {
        parent + "[\(index)]"
    }
}
