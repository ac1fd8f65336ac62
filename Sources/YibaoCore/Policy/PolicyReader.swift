import Yams

/// The loading discipline every policy file kind shares (policy documents, region parameters):
/// parse once, decode each part independently so that one bad part does not hide the others,
/// turn every decoding failure into a `PolicyIssue` with a document path, and refuse keys the
/// model does not read.
enum PolicyReader {
    /// Parses `text` and requires a mapping at the top. A syntax error, an empty file or a
    /// top level that is not a mapping leaves nothing else to check, so it ends loading at once.
    /// A leading byte-order mark (Windows editors write one) is skipped; libyaml would refuse it.
    static func composeMapping(_ text: String, file: String) throws(PolicyLoadError) -> (yaml: Node, tree: PolicyNode) {
        var scalars = text.unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        let root: Node?
        do {
            root = try Yams.compose(yaml: String(scalars))
        } catch {
            throw PolicyLoadError(file: file, issues: [syntaxIssue(error)])
        }
        let empty = PolicyIssue(path: "", message: "文件为空", messageEn: "the file is empty")
        guard let root else { throw PolicyLoadError(file: file, issues: [empty]) }
        guard root.mapping != nil else {
            let notMapping = PolicyIssue(path: "", message: "文件顶层应为“键: 值”映射",
                                         messageEn: "the top level of the file must be a mapping of keys to values")
            throw PolicyLoadError(file: file, issues: [PolicyNode(root).isNull ? empty : notMapping])
        }
        let normalized = plainKeys(root)
        return (normalized, PolicyNode(normalized))
    }

    /// The tree with every mapping key rebuilt from its text. Yams' decoder finds a key by
    /// building a node from the key's name and comparing resolved tags, so a quoted key that looks
    /// like a number (`"2024":`, as JSON writes every key) resolves as a string there, never
    /// matches, and reads as missing. Merge keys (`<<`) are left as written.
    private static func plainKeys(_ node: Node) -> Node {
        switch node {
        case .mapping(let mapping):
            let pairs = mapping.map { key, value in
                (key.scalar.map { $0.string == "<<" ? key : Node($0.string) } ?? key, plainKeys(value))
            }
            return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark, mapping.anchor))
        case .sequence(let sequence):
            return .sequence(Node.Sequence(sequence.map(plainKeys), sequence.tag, sequence.style, sequence.mark, sequence.anchor))
        case .scalar, .alias:
            return node
        }
    }

    /// Decodes `type` from `node` (standing at `path` in the file) and checks it for unknown keys.
    /// Returns nil, with the reason added to `issues`, when decoding fails.
    ///
    /// Unknown keys: Codable silently ignores keys a type does not read, so a misspelt optional
    /// field (`deductibel:`) would be dropped without a word and the rule it meant would not apply.
    /// After decoding, the value is encoded again with Yams' `YAMLEncoder`, and the key paths of the
    /// source tree are compared with those of the re-encoded tree, walking both together (mapping
    /// keys by name, list items by index): a source key that the re-encoded tree lacks was never
    /// read, and is reported as an unknown field. Two consequences for section types: their
    /// `encode(to:)` must write back every key their decoder reads (synthesized Codable does), and
    /// a key whose value is null is not reported, since an absent optional encodes as nothing.
    static func decode<T: Codable>(_ type: T.Type, from node: Node, at path: String, issues: inout [PolicyIssue]) -> T? {
        let source = PolicyNode(node)
        let value: T
        do {
            value = try YAMLDecoder().decode(type, from: node)
        } catch let error as DecodingError {
            issues.append(decodingIssue(error, at: path, in: source))
            return nil
        } catch {
            issues.append(PolicyIssue(path: path, message: "无法读取：\(error)", messageEn: "cannot be read: \(error)"))
            return nil
        }
        do {
            let encoded = try Yams.compose(yaml: YAMLEncoder().encode(value)).map(PolicyNode.init) ?? .null
            issues += unknownKeys(in: source, against: encoded, at: path)
        } catch {
            issues.append(PolicyIssue(path: path, message: "无法检查未知字段：\(error)",
                                      messageEn: "unknown fields cannot be checked: \(error)"))
        }
        return value
    }

    /// Keys of `source` that `known` (the re-encoded value) does not have; see `decode`.
    static func unknownKeys(in source: PolicyNode, against known: PolicyNode, at path: String) -> [PolicyIssue] {
        switch (source, known) {
        case (.map(let entries), .map):
            return entries.filter { !$0.value.isNull }.flatMap { entry -> [PolicyIssue] in
                let entryPath = PolicyNode.path(path, key: entry.key)
                guard let match = known[entry.key] else {
                    return [PolicyIssue(path: entryPath, message: "未知字段“\(entry.key)”（是否拼写错误？），该字段不会被读取",
                                        messageEn: "unknown field \"\(entry.key)\" (a typo?); it would be ignored")]
                }
                return unknownKeys(in: entry.value, against: match, at: entryPath)
            }
        case (.list(let items), .list(let knownItems)):
            return zip(items, knownItems).enumerated().flatMap { index, pair in
                unknownKeys(in: pair.0, against: pair.1, at: PolicyNode.path(path, index: index))
            }
        default:
            return []
        }
    }

    /// A YAML syntax error with Yams' line and column. libyaml's problem text is English only and
    /// is quoted as is; its context ("while scanning a quoted scalar") says where the broken
    /// construct began, which is often the line to fix (an unclosed quote fails at the end of the file).
    static func syntaxIssue(_ error: any Error) -> PolicyIssue {
        func at(_ mark: Mark) -> (String, String) {
            ("第 \(mark.line) 行第 \(mark.column) 列", "line \(mark.line), column \(mark.column)")
        }
        switch error as? YamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let (zh, en) = at(mark)
            let (fromZh, fromEn) = context.map { context in
                let (zh, en) = at(context.mark)
                return ("（\(context.text)，自\(zh)）", " (\(context.text), from \(en))")
            } ?? ("", "")
            return PolicyIssue(path: "", message: "YAML 语法错误（\(zh)）：\(problem)\(fromZh)",
                               messageEn: "YAML syntax error at \(en): \(problem)\(fromEn)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let (zh, en) = at(context.mark)
            let keys = duplicates.joined(separator: ", ")
            return PolicyIssue(path: "", message: "YAML 语法错误：键“\(keys)”重复（首次出现于\(zh)）",
                               messageEn: "YAML syntax error: duplicated key \(keys) (first at \(en))")
        default:
            return PolicyIssue(path: "", message: "YAML 语法错误：\(error)", messageEn: "YAML syntax error: \(error)")
        }
    }

    /// A `DecodingError` as an issue at its document path, in Chinese and English.
    static func decodingIssue(_ error: DecodingError, at base: String, in source: PolicyNode) -> PolicyIssue {
        switch error {
        case .typeMismatch(let type, let context):
            let (path, node) = locate(context.codingPath, from: base, in: source)
            let (zh, en) = typeName(type)
            let found = node?.abbreviatedText
            return PolicyIssue(path: path, message: "类型错误：应为\(zh)" + (found.map { "，实际为“\($0)”" } ?? ""),
                               messageEn: "wrong type: expected \(en)" + (found.map { ", found \"\($0)\"" } ?? ""))
        case .valueNotFound(let type, let context):
            let (path, _) = locate(context.codingPath, from: base, in: source)
            let (zh, en) = typeName(type)
            return PolicyIssue(path: path, message: "缺少值：应为\(zh)", messageEn: "missing value: expected \(en)")
        case .keyNotFound(let key, let context):
            let (parent, _) = locate(context.codingPath, from: base, in: source)
            return PolicyIssue(path: PolicyNode.path(parent, key: key.stringValue),
                               message: "缺少必填字段", messageEn: "required field is missing")
        case .dataCorrupted(let context):
            let (path, _) = locate(context.codingPath, from: base, in: source)
            let (zh, en) = bilingual(context.debugDescription)
            return PolicyIssue(path: path, message: zh, messageEn: en)
        @unknown default:
            return PolicyIssue(path: base, message: "无法读取：\(error)", messageEn: "cannot be read: \(error)")
        }
    }

    /// Follows a coding path through the source tree, so that list positions print as `[2]` and
    /// mapping keys as `.key` whatever the decoder's key types are; returns the node found there.
    private static func locate(_ codingPath: [any CodingKey], from base: String, in source: PolicyNode) -> (String, PolicyNode?) {
        var path = base
        var node: PolicyNode? = source
        for key in codingPath {
            if case .list(let items)? = node, let index = key.intValue {
                path = PolicyNode.path(path, index: index)
                node = items.indices.contains(index) ? items[index] : nil
            } else {
                path = PolicyNode.path(path, key: key.stringValue)
                node = node?[key.stringValue]
            }
        }
        return (path, node)
    }

    /// The shared Money / Ratio / LocalDate decoders write `中文 / English`; anything else
    /// (an enum's raw value, a foreign type) is labelled as an invalid value.
    private static func bilingual(_ description: String) -> (String, String) {
        guard let split = description.range(of: " / ") else {
            return ("取值无效：\(description)", "invalid value: \(description)")
        }
        return (String(description[..<split.lowerBound]), String(description[split.upperBound...]))
    }

    private static func typeName(_ type: Any.Type) -> (String, String) {
        switch type {
        case is String.Type: return ("文本", "text")
        case is Bool.Type: return ("布尔值 true 或 false", "a boolean true or false")
        case is any BinaryInteger.Type: return ("整数", "an integer")
        case is any BinaryFloatingPoint.Type: return ("数字", "a number")
        case is Node.Mapping.Type: return ("“键: 值”映射", "a mapping of keys to values")
        case is Node.Sequence.Type: return ("列表", "a list")
        case is Node.Scalar.Type: return ("单个值", "a single value")
        default: return ("\(type)", "\(type)")
        }
    }
}
