import Foundation

/// JSON as stored in TEXT columns (explanations, accumulators, HIS responses): sorted keys, so the same
/// value is always the same text.
public enum StoredJSON {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try SortedJSONEncoder.encode(value), as: UTF8.self)
    }

    public static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
