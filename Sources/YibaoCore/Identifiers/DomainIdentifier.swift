/// A code with a published structure and check (居民身份证号, 统一社会信用代码, 行政区划代码) that is only ever
/// held after validation, so every value in the system is known good.
///
/// Conformers travel as their canonical string; decoding goes through `parse`, so a bad code in JSON or a
/// policy file fails with the same reason as anywhere else.
public protocol DomainIdentifier: Codable, Hashable, Sendable {
    /// Validates `text` and returns the identifier in canonical form, or the reason it is refused.
    static func parse(_ text: String) throws(DomainError) -> Self
    /// The canonical text (upper-case check character), as stored and transmitted.
    var value: String { get }
}

extension DomainIdentifier {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try Self.parse(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(error.message) / \(error.messageEn)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

extension Unicode.Scalar {
    /// The value of an ASCII decimal digit; `nil` for anything else (full-width digits included).
    var asciiDigit: Int? {
        value >= 48 && value <= 57 ? Int(value - 48) : nil
    }
}
