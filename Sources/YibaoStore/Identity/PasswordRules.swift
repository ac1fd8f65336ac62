import YibaoCore

/// What a new password must be. 等级保护 (GB/T 22239, 身份鉴别) asks that passwords be complex; the
/// reading in most agencies' rules is a length and three of the four kinds of character, and not the
/// username. Both figures are the deployment's (`yibao serve --password-min-length --password-min-classes`,
/// the same options on `yibao user add | passwd`). Only a new password is checked: a sign-in with one
/// set under older rules still works.
public struct PasswordRules: Sendable, Equatable {
    /// At least this many characters.
    public var minimumLength: Int
    /// At least this many of: capital letters, small letters, digits, other characters.
    public var minimumClasses: Int
    /// A password older than this many days must be changed before anything else; zero never
    /// (`PasswordAge`).
    public var maximumAgeDays: Int
    /// A user's own new password differs from this many of their last ones, the current one included;
    /// zero checks none (`PasswordHistory`).
    public var historyCount: Int

    /// bcrypt reads at most 72 bytes; a longer password would be cut without the user knowing.
    public static let maximumBytes = 72
    public static let lengths = 8...64
    public static let classes = 1...4
    public static let ageDays = 0...3650
    public static let histories = 0...PasswordHistory.kept
    public static let standard = PasswordRules(minimumLength: 8, minimumClasses: 3, maximumAgeDays: 90, historyCount: 5)

    public init(minimumLength: Int, minimumClasses: Int, maximumAgeDays: Int = Self.standard.maximumAgeDays,
                historyCount: Int = Self.standard.historyCount) {
        precondition(Self.lengths.contains(minimumLength) && Self.classes.contains(minimumClasses) && Self.ageDays.contains(maximumAgeDays)
                     && Self.histories.contains(historyCount), "checked by the command's options")
        self.minimumLength = minimumLength
        self.minimumClasses = minimumClasses
        self.maximumAgeDays = maximumAgeDays
        self.historyCount = historyCount
    }

    /// Refuses a password that breaks a rule, naming the rule (at `password`). `username` is the user's
    /// whose password it is, when there is one (the demo's shared password has none).
    public func check(_ password: String, username: String?) throws(DomainError) {
        guard password.count >= minimumLength else {
            throw DomainError(code: "PASSWORD_TOO_SHORT", message: "密码至少 \(minimumLength) 个字符",
                              messageEn: "a password has at least \(minimumLength) characters", path: "password")
        }
        guard password.utf8.count <= Self.maximumBytes else {
            throw DomainError(code: "PASSWORD_TOO_LONG", message: "密码最多 \(Self.maximumBytes) 个字节",
                              messageEn: "a password has at most \(Self.maximumBytes) bytes", path: "password")
        }
        guard Self.classCount(password) >= minimumClasses else {
            throw DomainError(code: "PASSWORD_TOO_SIMPLE",
                              message: "密码须包含大写字母、小写字母、数字、其他字符中的至少 \(minimumClasses) 类",
                              messageEn: "a password has at least \(minimumClasses) of: capital letters, small letters, digits, other characters",
                              path: "password")
        }
        // A username of one or two characters would forbid those letters in every password.
        if let username, username.count >= 3, password.lowercased().contains(username.lowercased()) {
            throw DomainError(code: "PASSWORD_HAS_USERNAME", message: "密码不能包含用户名",
                              messageEn: "a password must not contain the username", path: "password")
        }
    }

    /// The rules as a form's hint says them, Chinese then English, each a sentence.
    public var summary: (zh: String, en: String) {
        ("至少 \(minimumLength) 个字符，含大写字母、小写字母、数字、其他字符中的至少 \(minimumClasses) 类，不含用户名。",
         "At least \(minimumLength) characters, with at least \(minimumClasses) of capitals, small letters, digits and other characters, and not the username. ")
    }

    /// How many of the four kinds of character the password has; any character outside ASCII's
    /// letters and digits (a space, punctuation, a Chinese character) is "other".
    static func classCount(_ password: String) -> Int {
        var kinds: Set<Int> = []
        for byte in password.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): kinds.insert(0)
            case UInt8(ascii: "a")...UInt8(ascii: "z"): kinds.insert(1)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): kinds.insert(2)
            default: kinds.insert(3)
            }
        }
        return kinds.count
    }
}
