import Foundation

/// One member of a JSON object in a canonical form: object members sorted by key, insignificant
/// whitespace dropped, strings and numbers kept exactly as sent. The HIS idempotency digest uses it
/// for the envelope's `input`, so a retry that differs only in `inf_time`, key order or layout is the
/// same request.
///
/// A scanner over the bytes rather than `JSONSerialization` and a sorted re-serialisation: that
/// round trip through Foundation objects cost more CPU than the settlement's own SQL statements.
/// The body has already been decoded once (the envelope header), so malformed or absurdly nested
/// input never gets this far; should it, the answer is nil.
enum CanonicalJSON {
    /// The canonical bytes of the top-level member `key` of the object in `data`, or nil.
    static func member(_ key: String, of data: Data) -> [UInt8]? {
        let wanted = Array("\"\(key)\"".utf8)
        return data.withUnsafeBytes { raw -> [UInt8]? in
            var scanner = Scanner(bytes: raw.bindMemory(to: UInt8.self))
            return try? scanner.member(wanted)
        }
    }

    private struct Malformed: Error {}

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        var depth = 0
        static let depthLimit = 64

        /// The top level: an object whose member `wanted` (a quoted key, as sent) is returned canonical.
        mutating func member(_ wanted: [UInt8]) throws -> [UInt8]? {
            try expect(UInt8(ascii: "{"))
            var found: [UInt8]?
            var scratch: [UInt8] = []
            if try !closes(UInt8(ascii: "}")) {
                repeat {
                    let key = try string()
                    try expect(UInt8(ascii: ":"))
                    if found == nil, bytes[key].elementsEqual(wanted) {
                        var out: [UInt8] = []
                        try value(into: &out)
                        found = out
                    } else {
                        scratch.removeAll(keepingCapacity: true)
                        try value(into: &scratch)
                    }
                } while try separated(closing: UInt8(ascii: "}"))
            }
            return found
        }

        mutating func value(into out: inout [UInt8]) throws {
            skipSpace()
            guard index < bytes.count else { throw Malformed() }
            switch bytes[index] {
            case UInt8(ascii: "{"): try object(into: &out)
            case UInt8(ascii: "["): try array(into: &out)
            case UInt8(ascii: "\""): out.append(contentsOf: bytes[try string()])
            default: out.append(contentsOf: bytes[try scalar()])
            }
        }

        private mutating func object(into out: inout [UInt8]) throws {
            try nest()
            defer { depth -= 1 }
            index += 1
            var members: [(key: Range<Int>, value: [UInt8])] = []
            if try !closes(UInt8(ascii: "}")) {
                repeat {
                    let key = try string()
                    try expect(UInt8(ascii: ":"))
                    var member: [UInt8] = []
                    try value(into: &member)
                    members.append((key, member))
                } while try separated(closing: UInt8(ascii: "}"))
            }
            let bytes = bytes
            members.sort { bytes[$0.key].lexicographicallyPrecedes(bytes[$1.key]) }
            out.append(UInt8(ascii: "{"))
            for (position, member) in members.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: bytes[member.key])
                out.append(UInt8(ascii: ":"))
                out.append(contentsOf: member.value)
            }
            out.append(UInt8(ascii: "}"))
        }

        private mutating func array(into out: inout [UInt8]) throws {
            try nest()
            defer { depth -= 1 }
            index += 1
            out.append(UInt8(ascii: "["))
            if try !closes(UInt8(ascii: "]")) {
                var first = true
                repeat {
                    if !first { out.append(UInt8(ascii: ",")) }
                    first = false
                    try value(into: &out)
                } while try separated(closing: UInt8(ascii: "]"))
            }
            out.append(UInt8(ascii: "]"))
        }

        /// A string with its quotes, escapes left as sent.
        private mutating func string() throws -> Range<Int> {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw Malformed() }
            let start = index
            index += 1
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\\"): index += 2
                case UInt8(ascii: "\""): index += 1; return start..<index
                default: index += 1
                }
            }
            throw Malformed()
        }

        /// A number, `true`, `false` or `null`, as sent.
        private mutating func scalar() throws -> Range<Int> {
            let start = index
            while index < bytes.count, Self.isScalarByte(bytes[index]) { index += 1 }
            guard index > start else { throw Malformed() }
            return start..<index
        }

        private static func isScalarByte(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "E"):
                return true
            default:
                return false
            }
        }

        private mutating func nest() throws {
            depth += 1
            guard depth <= Self.depthLimit else { throw Malformed() }
        }

        /// True (and past it) when the next byte closes the empty container.
        private mutating func closes(_ closing: UInt8) throws -> Bool {
            skipSpace()
            guard index < bytes.count else { throw Malformed() }
            if bytes[index] == closing { index += 1; return true }
            return false
        }

        /// After a member or element: true for a comma, false (and past it) for the closing bracket.
        private mutating func separated(closing: UInt8) throws -> Bool {
            skipSpace()
            guard index < bytes.count else { throw Malformed() }
            index += 1
            switch bytes[index - 1] {
            case UInt8(ascii: ","): return true
            case closing: return false
            default: throw Malformed()
            }
        }

        private mutating func expect(_ byte: UInt8) throws {
            skipSpace()
            guard index < bytes.count, bytes[index] == byte else { throw Malformed() }
            index += 1
        }

        private mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): index += 1
                default: return
                }
            }
        }
    }
}
