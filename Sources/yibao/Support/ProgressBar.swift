import Foundation

/// A one-line progress bar on standard error for the batches (billing, crediting), so standard output
/// keeps only the summary.
enum ProgressBar {
    static func show(_ done: Int, _ total: Int) {
        let width = 30
        let filled = total == 0 ? width : done * width / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total)".utf8))
    }

    static func finish() { FileHandle.standardError.write(Data("\n".utf8)) }
}
