/// A `LIKE` pattern for text a user typed, its wildcards taken literally: use it with `ESCAPE '!'`
/// (the same on SQLite and PostgreSQL).
enum LikePattern {
    static func containing(_ text: String) -> String {
        "%" + text.replacingOccurrences(of: "!", with: "!!").replacingOccurrences(of: "%", with: "!%")
            .replacingOccurrences(of: "_", with: "!_") + "%"
    }
}
