import Foundation
import YibaoCore
import YibaoStore

/// Reading a text file named on the command line, with an error an operator can act on.
enum TextFile {
    /// A UTF-8 file (policies, scenarios).
    static func read(_ path: String) throws -> String {
        guard let text = String(data: try contents(path), encoding: .utf8) else {
            throw DomainError(code: "FILE_NOT_UTF8", message: "文件不是 UTF-8 编码：\(path)", messageEn: "file is not UTF-8: \(path)")
        }
        return text
    }

    /// A file to import (statements, rosters): UTF-8, or GBK/GB18030 as banks export (`ImportedText`).
    static func readImport(_ path: String) throws -> String {
        try ImportedText.decode([UInt8](try contents(path)), field: path).text
    }

    private static func contents(_ path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DomainError(.notFound, code: "FILE_NOT_FOUND", message: "无法读取文件：\(path)", messageEn: "cannot read file \(path)")
        }
        return data
    }
}
