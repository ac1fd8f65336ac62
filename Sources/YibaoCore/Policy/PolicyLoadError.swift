/// Why a policy file (a policy document or a region-parameter file) was refused: the file and
/// every problem found in it, so an analyst fixes them all in one round instead of one per load.
public struct PolicyLoadError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var issues: [PolicyIssue]

    public init(file: String, issues: [PolicyIssue]) {
        self.file = file
        self.issues = issues
    }

    /// One line per issue: `file: path: 中文原因 / English reason` (no path for whole-file problems).
    public var lines: [String] {
        issues.map { "\(file): \($0)" }
    }

    public var description: String { lines.joined(separator: "\n") }

    /// The error the HTTP layer returns: code `POLICY_INVALID`, the first issue's path and reason,
    /// and the count of the others (the full list stays in `issues`).
    public var domainError: DomainError {
        guard let first = issues.first else {
            return DomainError(code: "POLICY_INVALID", message: "策略文件 \(file) 无效", messageEn: "policy file \(file) is invalid")
        }
        let others = issues.count - 1
        let at = first.path.isEmpty ? "" : first.path + "："
        let atEn = first.path.isEmpty ? "" : first.path + ": "
        return DomainError(
            code: "POLICY_INVALID",
            message: "策略文件 \(file) 无效：\(at)\(first.message)" + (others > 0 ? "（另有 \(others) 处问题）" : ""),
            messageEn: "policy file \(file) is invalid: \(atEn)\(first.messageEn)" + (others > 0 ? " (and \(others) more)" : ""),
            path: first.path.isEmpty ? nil : first.path)
    }
}
