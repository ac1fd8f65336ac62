import Foundation

/// Compact JSON with sorted keys, written straight into one byte buffer: the text Foundation's
/// `JSONEncoder` writes with `[.sortedKeys, .withoutEscapingSlashes]`, byte for byte, for the values
/// the platform stores (a test holds the two to the same bytes).
///
/// Why not Foundation's: a settlement's answer and explanation are encoded inside the SQLite writer's
/// transaction, and Foundation builds a tree of boxed values first — it was an eighth of the server's
/// CPU on the settlement path. Here a container writes as it goes: members go out in the order they are
/// encoded, and when an object is closed its members are put in key order in place.
///
/// Containers are closed by position, not by call: Codable has no "end of container" call, but a value
/// finishes encoding before its parent goes on, so when a parent writes its next member (or is itself
/// closed) every container opened deeper than it is complete and is closed first.
///
/// Numbers: integers and `Bool` as Foundation writes them; `Double`/`Float` are refused (amounts are
/// integer fen and ratios encode as text here), as are `Date`, `Data`, `URL` and `Decimal`, whose
/// Foundation forms are special cases this encoder does not reproduce.
public enum SortedJSONEncoder {
    public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let writer = Writer()
        try writer.encodeValue(value, depth: 0, path: [])
        writer.close(from: 0)
        return writer.bytes
    }
}

/// The shared output and the stack of open containers.
///
/// The two stored properties opt out of run-time exclusivity checks: they are touched for every byte
/// written, the checks were a third of the encoder's time, and one writer serves one `encode` call on
/// one thread.
private final class Writer {
    @exclusivity(unchecked) var bytes: [UInt8] = []

    /// An open object or array: where its text starts (after the bracket) and what it holds so far.
    struct Open {
        var keyed: Bool
        var count = 0
        /// Objects only: each member's key and where its text starts (after the comma).
        var members: [(key: String, start: Int)] = []
    }
    @exclusivity(unchecked) var open: [Open] = []

    init() { bytes.reserveCapacity(2_048) }

    /// Encodes `value` as the content at stack position `depth`, then closes whatever it opened.
    func encodeValue<T: Encodable>(_ value: T, depth: Int, path: [any CodingKey]) throws {
        if Self.refused.contains(ObjectIdentifier(T.self)) { throw Self.refusal(value, path) }
        let before = bytes.count
        try value.encode(to: ValueEncoder(writer: self, depth: depth, codingPath: path))
        close(from: depth)
        if bytes.count == before { bytes.append(contentsOf: "{}".utf8) } // a value that wrote nothing
    }

    /// Types whose Foundation form is a special case (or a binary float): see `SortedJSONEncoder`.
    static let refused: Set<ObjectIdentifier> = [Date.self, Data.self, URL.self, Decimal.self, Double.self, Float.self]
        .reduce(into: []) { $0.insert(ObjectIdentifier($1)) }

    static func refusal(_ value: Any, _ path: [any CodingKey]) -> EncodingError {
        EncodingError.invalidValue(value, .init(codingPath: path, debugDescription:
            "SortedJSONEncoder does not write \(type(of: value)); stored JSON holds integers and text"))
    }

    /// Opens an object or array at `depth`, or finds the one already open there (a type may ask for
    /// its container more than once).
    func container(keyed: Bool, at depth: Int) {
        if depth < open.count { return }
        precondition(depth == open.count, "SortedJSONEncoder: a container was asked for out of order")
        bytes.append(keyed ? UInt8(ascii: "{") : UInt8(ascii: "["))
        open.append(Open(keyed: keyed))
    }

    /// Starts the next member of the object at `depth`: closes deeper containers, writes the comma and key.
    func member(_ key: String, of depth: Int) {
        close(from: depth + 1)
        if open[depth].count > 0 { bytes.append(UInt8(ascii: ",")) }
        open[depth].count += 1
        open[depth].members.append((key, bytes.count))
        string(key)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Starts the next element of the array at `depth`.
    func element(of depth: Int) {
        close(from: depth + 1)
        if open[depth].count > 0 { bytes.append(UInt8(ascii: ",")) }
        open[depth].count += 1
    }

    /// Closes every container at stack position `depth` or deeper, innermost first.
    func close(from depth: Int) {
        while open.count > depth {
            let container = open.removeLast()
            if container.keyed {
                sortMembers(container.members)
                bytes.append(UInt8(ascii: "}"))
            } else {
                bytes.append(UInt8(ascii: "]"))
            }
        }
    }

    /// Puts an object's members (all of them at the end of `bytes`) in key order.
    private func sortMembers(_ members: [(key: String, start: Int)]) {
        guard members.count > 1 else { return }
        let sorted = members.indices.sorted { Self.precedes(members[$0].key, members[$1].key) }
        if sorted == Array(members.indices) { return }
        let end = bytes.count
        let text = Array(bytes[members[0].start..<end])
        let base = members[0].start
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        for (n, i) in sorted.enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            let from = members[i].start - base
            let to = i + 1 < members.count ? members[i + 1].start - base - 1 : text.count // before the next comma
            out.append(contentsOf: text[from..<to])
        }
        bytes.replaceSubrange(base..<end, with: out)
    }

    /// Foundation's `.sortedKeys` order for the keys stored here: by Unicode scalar value, which is
    /// the order of their UTF-8 bytes.
    static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    // MARK: scalars

    func null() { bytes.append(contentsOf: "null".utf8) }
    func bool(_ value: Bool) { bytes.append(contentsOf: (value ? "true" : "false").utf8) }
    func integer<T: BinaryInteger>(_ value: T) { bytes.append(contentsOf: String(value).utf8) }

    /// A JSON string: `"` and `\` escaped, control characters as `\n`-style or `\u00XX`, the rest (and `/`) as is.
    func string(_ value: String) {
        var value = value
        value.withUTF8 { Self.appendEscaped($0, to: &bytes) }
    }

    private static func appendEscaped(_ text: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var run = 0 // start of the bytes not yet copied: runs without escapes are copied whole
        for (i, byte) in text.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[run..<i]))
            run = i + 1
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
            case 0x0A: bytes.append(contentsOf: #"\n"#.utf8)
            case 0x0D: bytes.append(contentsOf: #"\r"#.utf8)
            case 0x09: bytes.append(contentsOf: #"\t"#.utf8)
            case 0x08: bytes.append(contentsOf: #"\b"#.utf8)
            case 0x0C: bytes.append(contentsOf: #"\f"#.utf8)
            default:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: #"\u00"#.utf8)
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0xF)])
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[run...]))
        bytes.append(UInt8(ascii: "\""))
    }
}

/// The `Encoder` a value sees: where its content goes in the writer's stack.
private struct ValueEncoder: Encoder {
    let writer: Writer
    let depth: Int
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        writer.container(keyed: true, at: depth)
        return KeyedEncodingContainer(KeyedWriter(writer: writer, depth: depth, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        writer.container(keyed: false, at: depth)
        return UnkeyedWriter(writer: writer, depth: depth, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueWriter(writer: writer, depth: depth, codingPath: codingPath)
    }
}

private struct KeyedWriter<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: Writer
    let depth: Int
    let codingPath: [any CodingKey]

    func encodeNil(forKey key: Key) throws { writer.member(key.stringValue, of: depth); writer.null() }
    func encode(_ value: Bool, forKey key: Key) throws { writer.member(key.stringValue, of: depth); writer.bool(value) }
    func encode(_ value: String, forKey key: Key) throws { writer.member(key.stringValue, of: depth); writer.string(value) }
    func encode(_ value: Double, forKey key: Key) throws { throw Writer.refusal(value, codingPath + [key]) }
    func encode(_ value: Float, forKey key: Key) throws { throw Writer.refusal(value, codingPath + [key]) }
    func encode(_ value: Int, forKey key: Key) throws { integer(value, key) }
    func encode(_ value: Int8, forKey key: Key) throws { integer(value, key) }
    func encode(_ value: Int16, forKey key: Key) throws { integer(value, key) }
    func encode(_ value: Int32, forKey key: Key) throws { integer(value, key) }
    func encode(_ value: Int64, forKey key: Key) throws { integer(value, key) }
    func encode(_ value: UInt, forKey key: Key) throws { integer(value, key) }
    func encode(_ value: UInt8, forKey key: Key) throws { integer(value, key) }
    func encode(_ value: UInt16, forKey key: Key) throws { integer(value, key) }
    func encode(_ value: UInt32, forKey key: Key) throws { integer(value, key) }
    func encode(_ value: UInt64, forKey key: Key) throws { integer(value, key) }
    private func integer<T: BinaryInteger>(_ value: T, _ key: Key) { writer.member(key.stringValue, of: depth); writer.integer(value) }

    func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        writer.member(key.stringValue, of: depth)
        try writer.encodeValue(value, depth: depth + 1, path: codingPath + [key])
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        writer.member(key.stringValue, of: depth)
        return ValueEncoder(writer: writer, depth: depth + 1, codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        writer.member(key.stringValue, of: depth)
        return ValueEncoder(writer: writer, depth: depth + 1, codingPath: codingPath + [key]).unkeyedContainer()
    }

    func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }

    func superEncoder(forKey key: Key) -> any Encoder {
        writer.member(key.stringValue, of: depth)
        return ValueEncoder(writer: writer, depth: depth + 1, codingPath: codingPath + [key])
    }
}

private struct UnkeyedWriter: UnkeyedEncodingContainer {
    let writer: Writer
    let depth: Int
    let codingPath: [any CodingKey]
    var count: Int { writer.open.indices.contains(depth) ? writer.open[depth].count : 0 }

    private struct Index: CodingKey {
        var stringValue: String { "Index \(intValue!)" }
        var intValue: Int?
        init(_ index: Int) { intValue = index }
        init?(stringValue: String) { nil }
        init?(intValue: Int) { self.intValue = intValue }
    }

    func encodeNil() throws { writer.element(of: depth); writer.null() }
    func encode(_ value: Bool) throws { writer.element(of: depth); writer.bool(value) }
    func encode(_ value: String) throws { writer.element(of: depth); writer.string(value) }
    func encode(_ value: Double) throws { throw Writer.refusal(value, codingPath) }
    func encode(_ value: Float) throws { throw Writer.refusal(value, codingPath) }
    func encode(_ value: Int) throws { integer(value) }
    func encode(_ value: Int8) throws { integer(value) }
    func encode(_ value: Int16) throws { integer(value) }
    func encode(_ value: Int32) throws { integer(value) }
    func encode(_ value: Int64) throws { integer(value) }
    func encode(_ value: UInt) throws { integer(value) }
    func encode(_ value: UInt8) throws { integer(value) }
    func encode(_ value: UInt16) throws { integer(value) }
    func encode(_ value: UInt32) throws { integer(value) }
    func encode(_ value: UInt64) throws { integer(value) }
    private func integer<T: BinaryInteger>(_ value: T) { writer.element(of: depth); writer.integer(value) }

    func encode<T: Encodable>(_ value: T) throws {
        let path = codingPath + [Index(count)]
        writer.element(of: depth)
        try writer.encodeValue(value, depth: depth + 1, path: path)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let path = codingPath + [Index(count)]
        writer.element(of: depth)
        return ValueEncoder(writer: writer, depth: depth + 1, codingPath: path).container(keyedBy: keyType)
    }

    func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let path = codingPath + [Index(count)]
        writer.element(of: depth)
        return ValueEncoder(writer: writer, depth: depth + 1, codingPath: path).unkeyedContainer()
    }

    func superEncoder() -> any Encoder {
        let path = codingPath + [Index(count)]
        writer.element(of: depth)
        return ValueEncoder(writer: writer, depth: depth + 1, codingPath: path)
    }
}

/// A value that is one scalar (or delegates to one `Encodable`) writes it at its own position.
private struct SingleValueWriter: SingleValueEncodingContainer {
    let writer: Writer
    let depth: Int
    let codingPath: [any CodingKey]

    func encodeNil() throws { writer.null() }
    func encode(_ value: Bool) throws { writer.bool(value) }
    func encode(_ value: String) throws { writer.string(value) }
    func encode(_ value: Double) throws { throw Writer.refusal(value, codingPath) }
    func encode(_ value: Float) throws { throw Writer.refusal(value, codingPath) }
    func encode(_ value: Int) throws { writer.integer(value) }
    func encode(_ value: Int8) throws { writer.integer(value) }
    func encode(_ value: Int16) throws { writer.integer(value) }
    func encode(_ value: Int32) throws { writer.integer(value) }
    func encode(_ value: Int64) throws { writer.integer(value) }
    func encode(_ value: UInt) throws { writer.integer(value) }
    func encode(_ value: UInt8) throws { writer.integer(value) }
    func encode(_ value: UInt16) throws { writer.integer(value) }
    func encode(_ value: UInt32) throws { writer.integer(value) }
    func encode(_ value: UInt64) throws { writer.integer(value) }

    func encode<T: Encodable>(_ value: T) throws {
        try writer.encodeValue(value, depth: depth, path: codingPath)
    }
}
