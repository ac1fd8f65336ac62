/// The header of a policy document: which version of which region's scheme it is, and on what basis.
///
/// (`region`, `insutype`, `effective_from`) identify the version; `id` names it for people and tools.
public struct PolicyMetadata: Sendable, Equatable {
    /// A slug such as `benxi-resident-2025`.
    public var id: String
    /// The pooling region (`admdvs`), e.g. `210500`.
    public var region: RegionCode
    public var insutype: Insutype
    /// First day the version applies; it stays in force until the next version's first day.
    public var effectiveFrom: LocalDate
    public var title: String?
    public var titleEn: String?
    public var notes: String?
    /// Citations of the texts the rules come from (document number, article, seed line).
    public var basis: [String]

    public init(id: String, region: RegionCode, insutype: Insutype, effectiveFrom: LocalDate,
                title: String? = nil, titleEn: String? = nil, notes: String? = nil, basis: [String] = []) {
        self.id = id
        self.region = region
        self.insutype = insutype
        self.effectiveFrom = effectiveFrom
        self.title = title
        self.titleEn = titleEn
        self.notes = notes
        self.basis = basis
    }

    /// The metadata keys, in the order the format documents them.
    public static let keys = ["id", "region", "insutype", "effective_from", "title", "title_en", "notes", "basis"]

    /// Reads the metadata keys of a document's top level. Each key is checked on its own so that
    /// every problem is reported; nil comes back when any of them is wrong.
    static func read(from root: PolicyNode, issues: inout [PolicyIssue]) -> PolicyMetadata? {
        let before = issues.count
        func field<T>(_ key: String, required: Bool, _ parse: (String) throws(DomainError) -> T) -> T? {
            guard let node = root[key], !node.isNull else {
                if required { issues.append(PolicyIssue(path: key, message: "缺少必填字段", messageEn: "required field is missing")) }
                return nil
            }
            guard case .scalar(let text) = node else {
                issues.append(PolicyMetadata.notText(node, at: key))
                return nil
            }
            do {
                return try parse(text)
            } catch {
                issues.append(PolicyIssue(path: key, message: error.message, messageEn: error.messageEn))
                return nil
            }
        }
        let id = field("id", required: true, parseID)
        let region = field("region", required: true, RegionCode.parse)
        let insutype = field("insutype", required: true, Insutype.parse)
        let effectiveFrom = field("effective_from", required: true, LocalDate.parse)
        let title = field("title", required: false) { $0 }
        let titleEn = field("title_en", required: false) { $0 }
        let notes = field("notes", required: false) { $0 }
        let basis = readBasis(root["basis"], issues: &issues)
        guard issues.count == before, let id, let region, let insutype, let effectiveFrom else { return nil }
        return PolicyMetadata(id: id, region: region, insutype: insutype, effectiveFrom: effectiveFrom,
                              title: title, titleEn: titleEn, notes: notes, basis: basis)
    }

    /// `basis` is a list of citations; a single citation may be written without the list.
    private static func readBasis(_ node: PolicyNode?, issues: inout [PolicyIssue]) -> [String] {
        switch node {
        case nil, .null?: return []
        case .scalar(let text)?: return [text]
        case .list(let items)?:
            return items.enumerated().compactMap { index, item in
                if case .scalar(let text) = item { return text }
                issues.append(notText(item, at: PolicyNode.path("basis", index: index)))
                return nil
            }
        case .map?:
            issues.append(PolicyIssue(path: "basis", message: "类型错误：应为列表", messageEn: "wrong type: expected a list"))
            return []
        }
    }

    private static func notText(_ node: PolicyNode, at path: String) -> PolicyIssue {
        PolicyIssue(path: path, message: "类型错误：应为文本，实际为“\(node.abbreviatedText)”",
                    messageEn: "wrong type: expected text, found \"\(node.abbreviatedText)\"")
    }

    /// Lowercase letters and digits in hyphen-separated words, at most 64 characters.
    public static func parseID(_ text: String) throws(DomainError) -> String {
        let words = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count <= 64,
              words.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) } })
        else {
            throw DomainError(code: "POLICY_ID_FORMAT",
                              message: "编号“\(text)”格式错误，应由小写字母、数字和连字符组成，如 benxi-resident-2025",
                              messageEn: "id \"\(text)\" must be lowercase letters and digits joined by hyphens, like benxi-resident-2025")
        }
        return text
    }
}
