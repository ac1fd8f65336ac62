import YibaoCore

/// What a username, a display name and a token's label may be. A username is typed at sign-in,
/// written into the audit trail (`user:NAME`) and into console addresses, so it is kept to ASCII
/// letters, digits and `. _ - @`, beginning with a letter or digit. A token's label is how a token
/// is revoked (`?name=`), so an empty or blank label is refused rather than stored unrevocable.
public enum NameRules {
    public static let maxUsername = 64
    public static let maxDisplayName = 100
    public static let maxTokenLabel = 64

    public static func checkUsername(_ username: String) throws(DomainError) {
        func alphanumeric(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
        let bytes = Array(username.utf8)
        guard let first = bytes.first, alphanumeric(first), bytes.count <= maxUsername,
              bytes.allSatisfy({ alphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "@") })
        else {
            throw DomainError(code: "USERNAME_INVALID",
                              message: "用户名应为 1–\(maxUsername) 个英文字母、数字或 . _ - @，并以字母或数字开头：“\(username)”",
                              messageEn: "a username is 1–\(maxUsername) ASCII letters, digits or . _ - @, beginning with a letter or digit: \"\(username)\"",
                              path: "username")
        }
    }

    public static func checkDisplayName(_ name: String) throws(DomainError) {
        guard name.count <= maxDisplayName, !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw DomainError(code: "DISPLAY_NAME_INVALID", message: "显示名最多 \(maxDisplayName) 个字符，且不含控制字符",
                              messageEn: "a display name has at most \(maxDisplayName) characters and no control characters", path: "display_name")
        }
    }

    public static func checkTokenLabel(_ label: String) throws(DomainError) {
        guard !label.trimmingSpaces.isEmpty, label.count <= maxTokenLabel, label == label.trimmingSpaces,
              !label.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw DomainError(code: "TOKEN_NAME_INVALID",
                              message: "令牌名称应为 1–\(maxTokenLabel) 个字符，首尾无空格，不含控制字符：“\(label)”",
                              messageEn: "a token's label is 1–\(maxTokenLabel) characters without leading or trailing spaces or control characters: \"\(label)\"",
                              path: "name")
        }
    }
}
