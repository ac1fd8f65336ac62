#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import YibaoCore

/// The text of an imported file (a statement, a roster) from its bytes. Chinese banks and older
/// spreadsheets export GBK; newer ones UTF-8, often with a byte-order mark. Valid UTF-8 is read as
/// UTF-8 (its mark dropped); anything else as GB18030, which contains GBK and GB2312; bytes that are
/// neither, or a NUL byte (UTF-16, a spreadsheet's binary file), are refused naming the field.
public enum ImportedText {
    public enum Encoding: String, Sendable {
        case utf8 = "UTF-8"
        case gb18030 = "GB18030"
    }

    public static func decode(_ bytes: [UInt8], field: String) throws(DomainError) -> (text: String, encoding: Encoding) {
        if !bytes.contains(0) {
            if let text = String(validating: bytes, as: UTF8.self) {
                return (text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text, .utf8)
            }
            if let text = gb18030(bytes) { return (text, .gb18030) }
        }
        throw DomainError(code: "FILE_ENCODING", message: "文件既不是 UTF-8 也不是 GBK/GB18030 编码的文本，请另存为 CSV（UTF-8 或 GBK）后重新选择",
                          messageEn: "the file is neither UTF-8 nor GBK/GB18030 text: save it as CSV (UTF-8 or GBK) and choose it again",
                          path: field)
    }

    /// Strict GB18030 → UTF-8 through the C library's iconv: nil on any invalid or truncated sequence.
    static func gb18030(_ bytes: [UInt8]) -> String? {
        let converter = iconv_open("UTF-8", "GB18030")
        guard Int(bitPattern: converter) != -1 else { return nil }
        defer { iconv_close(converter) }
        var input = bytes.map { CChar(bitPattern: $0) }
        // A GB18030 character takes 1, 2 or 4 bytes and becomes at most 4 bytes of UTF-8.
        var output = [CChar](repeating: 0, count: bytes.count * 2 + 4)
        let written: Int? = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                var sourceNext = source.baseAddress, sourceLeft = source.count
                var targetNext = target.baseAddress, targetLeft = target.count
                guard iconv(converter, &sourceNext, &sourceLeft, &targetNext, &targetLeft) != -1, sourceLeft == 0 else { return nil }
                return target.count - targetLeft
            }
        }
        guard let written else { return nil }
        return String(validating: output[..<written].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
