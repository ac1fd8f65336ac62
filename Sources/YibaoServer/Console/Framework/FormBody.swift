import Foundation
import Hummingbird
import YibaoCore
import YibaoStore

/// A posted HTML form as name → values, in field order: `application/x-www-form-urlencoded`, or
/// `multipart/form-data` when it carries a file. A file's bytes become text by `ImportedText` (UTF-8, or
/// GBK/GB18030 as Chinese banks export), so a file in neither is refused at its field.
struct FormBody: Sendable {
    private(set) var fields: [(String, String)] = []
    /// How each chosen file was read, by field name.
    private(set) var fileEncodings: [String: ImportedText.Encoding] = [:]

    init(_ text: String) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            fields.append((Self.decode(parts[0]), parts.count > 1 ? Self.decode(parts[1]) : ""))
        }
    }

    static func read(_ request: Request, context: YibaoRequestContext) async throws -> FormBody {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let type = request.headers[.contentType] ?? ""
        if type.lowercased().hasPrefix("multipart/form-data"), let range = type.range(of: "boundary=") {
            let boundary = type[range.upperBound...].prefix { $0 != ";" }.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
            return try FormBody(multipart: Array(buffer.readableBytesView), boundary: boundary)
        }
        return FormBody(String(buffer: buffer))
    }

    /// Each part between `--boundary` lines: its headers (the field's name in Content-Disposition, and a
    /// `filename` for a file), a blank line, its bytes up to the CRLF before the next boundary. Parts are
    /// cut as bytes, before any decoding, so a GBK file reaches `ImportedText` intact.
    init(multipart body: [UInt8], boundary: String) throws(DomainError) {
        let delimiter = Array("--\(boundary)".utf8)
        let starts = Self.occurrences(of: delimiter, in: body[...])
        for (start, end) in zip(starts, starts.dropFirst()) {
            let part = body[(start + delimiter.count)..<end]
            guard let split = Self.occurrences(of: [13, 10, 13, 10], in: part).first else { continue }
            let headers = String(decoding: part[..<split], as: UTF8.self)
            guard let nameStart = headers.range(of: "name=\"") else { continue }
            let name = String(headers[nameStart.upperBound...].prefix { $0 != "\"" })
            var value = part[(split + 4)...]
            if value.count >= 2, value.suffix(2).elementsEqual([13, 10]) { value = value.dropLast(2) }
            if headers.contains("filename=\""), !value.isEmpty {
                let (text, encoding) = try ImportedText.decode(Array(value), field: name)
                fields.append((name, text))
                fileEncodings[name] = encoding
            } else {
                fields.append((name, String(decoding: value, as: UTF8.self)))
            }
        }
    }

    subscript(name: String) -> String? { fields.first { $0.0 == name }?.1 }

    /// The text to import: the chosen file in field `file` when there is one, else the text pasted in
    /// `pasted` (a job run again posts that back); and how the file was read. Neither is refused.
    func importText(file: String, pasted: String) throws(DomainError) -> (text: String, encoding: ImportedText.Encoding?) {
        if let text = self[file], !text.isEmpty { return (text, fileEncodings[file]) }
        guard let text = self[pasted], !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw DomainError(code: "FILE_REQUIRED", message: "请选择 CSV 文件或粘贴其内容", messageEn: "choose a CSV file or paste its text", path: file)
        }
        return (text, nil)
    }

    private static func decode(_ part: Substring) -> String {
        let spaced = part.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// Where `needle` starts in `bytes`, left to right, without overlaps.
    private static func occurrences(of needle: [UInt8], in bytes: ArraySlice<UInt8>) -> [Int] {
        var found: [Int] = []
        var i = bytes.startIndex
        while i + needle.count <= bytes.endIndex {
            if bytes[i] == needle[0], bytes[i..<(i + needle.count)].elementsEqual(needle) {
                found.append(i)
                i += needle.count
            } else {
                i += 1
            }
        }
        return found
    }
}

extension FormBody {
    /// Every value sent under one name (checkbox groups).
    func values(_ name: String) -> [String] { fields.filter { $0.0 == name }.map(\.1) }
}
