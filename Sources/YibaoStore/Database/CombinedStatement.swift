/// Held writes and the statement after them as one PostgreSQL statement (`runDeferred`):
///
///     WITH yb_held0 AS (INSERT …), yb_held1 AS (UPDATE …) INSERT … RETURNING …
///
/// PostgreSQL runs every data-modifying `WITH` item to completion whether or not it is referred to,
/// all of them and the last statement on one snapshot: so none of them sees the others' rows, which
/// is why a held write's rows must be left alone by what follows it. Each part keeps its text, its
/// placeholders moved up past the values of the parts before it. A part that starts with a `WITH`
/// list of its own (`name AS (…), …`) has that list joined to the combined one.
extension StaticSQL {
    /// `held` then `last` as one statement, or nil when `last` cannot take a `WITH` (BEGIN, COMMIT, …).
    static func combining(_ held: [Bound], then last: Bound) -> Bound? {
        guard let tail = Parts(last.statement.postgres), tail.acceptsWith else { return nil }
        guard !held.isEmpty else { return last }
        var items: [String] = []
        var values: [any Encodable & Sendable] = []
        for (index, write) in held.enumerated() {
            guard let parts = Parts(renumbered(write.statement.postgres, by: values.count)), parts.isWrite else {
                preconditionFailure("a held statement is not an INSERT, UPDATE or DELETE: \(write.statement.postgres)")
            }
            items += parts.with
            items.append("yb_held\(index) AS (\(parts.main))")
            values += write.values
        }
        guard let renumberedTail = Parts(renumbered(last.statement.postgres, by: values.count)) else { return nil }
        items += renumberedTail.with
        values += last.values
        let text = "WITH " + items.joined(separator: ", ") + " " + renumberedTail.main
        let preparable = last.statement.preparable && held.allSatisfy(\.statement.preparable)
        return StaticSQL(text, preparable: preparable).bind(values)
    }

    /// `text` with every `$n` made `$(n + offset)` (a `StaticSQL` has no other `$`). Read as UTF-8
    /// bytes: going through `Character`s cost 4 % of the server's CPU at 32 PostgreSQL clients.
    static func renumbered(_ text: String, by offset: Int) -> String {
        guard offset > 0 else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 64)
        var number: Int? // the digits read so far after a `$`
        for byte in text.utf8 {
            if let read = number, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                number = read * 10 + Int(byte - UInt8(ascii: "0"))
                continue
            }
            if let read = number { out += String(read + offset).utf8 }
            number = nil
            out.append(byte)
            if byte == UInt8(ascii: "$") { number = 0 }
        }
        if let read = number { out += String(read + offset).utf8 }
        return String(decoding: out, as: UTF8.self)
    }

    /// A statement's own leading `WITH` items (`name AS (…)`) and the statement after them.
    struct Parts {
        var with: [String]
        var main: Substring
        /// The first word of `main`, upper-cased.
        var keyword: String

        init?(_ text: String) {
            let bytes = text.utf8
            var index = bytes.firstIndex { !Self.isSpace($0) } ?? bytes.endIndex
            guard Self.word(text[index...]) == "WITH" else {
                with = []
                main = text[index...]
                keyword = Self.word(main)
                return
            }
            index = bytes.index(index, offsetBy: 4)
            var items: [String] = []
            var itemStart = index
            var depth = 0
            var quoted = false
            while index < bytes.endIndex {
                let byte = bytes[index]
                if quoted {
                    if byte == UInt8(ascii: "'") { quoted = false }
                } else if byte == UInt8(ascii: "'") {
                    quoted = true
                } else if byte == UInt8(ascii: "(") {
                    depth += 1
                } else if byte == UInt8(ascii: ")") {
                    depth -= 1
                    if depth == 0 {
                        let end = bytes.index(after: index)
                        items.append(String(text[itemStart..<end]).trimmingWhitespace)
                        let next = bytes[end...].firstIndex { !Self.isSpace($0) } ?? bytes.endIndex
                        guard next < bytes.endIndex, bytes[next] == UInt8(ascii: ",") else {
                            with = items
                            main = text[next...]
                            keyword = Self.word(main)
                            return
                        }
                        itemStart = bytes.index(after: next)
                        index = itemStart
                        continue
                    }
                }
                index = bytes.index(after: index)
            }
            return nil
        }

        static func isSpace(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
        }

        /// The letters `text` starts with, upper-cased.
        private static func word(_ text: Substring) -> String {
            String(decoding: text.utf8.prefix { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") }, as: UTF8.self)
                .uppercased()
        }

        /// INSERT, UPDATE or DELETE: what may stand as a `WITH` item.
        var isWrite: Bool { ["INSERT", "UPDATE", "DELETE"].contains(keyword) }
        /// What a `WITH` list may stand before.
        var acceptsWith: Bool { isWrite || keyword == "SELECT" }
    }
}

private extension String {
    /// Without the SQL whitespace at either end, read as UTF-8 bytes: going through `Character`s
    /// (grapheme breaking, then a reversed copy built one at a time) cost 7 % of the server's CPU at one
    /// PostgreSQL client, for the audit trail's `WITH` item combined into every settlement's writes.
    var trimmingWhitespace: String {
        let bytes = utf8
        guard let first = bytes.firstIndex(where: { !StaticSQL.Parts.isSpace($0) }),
              let last = bytes.lastIndex(where: { !StaticSQL.Parts.isSpace($0) }) else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
