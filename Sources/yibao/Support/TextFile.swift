import Foundation
import YibaoCore

/// Reading a UTF-8 text file named on the command line, with an error an operator can act on.
enum TextFile {
    static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DomainError(.notFound, code: "FILE_NOT_FOUND", message: "无法读取文件：\(path)", messageEn: "cannot read file \(path)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DomainError(code: "FILE_NOT_UTF8", message: "文件不是 UTF-8 编码：\(path)", messageEn: "file is not UTF-8: \(path)")
        }
        return text
    }
}
