import Foundation
import Testing
@testable import YibaoServer

/// HIS fields are trimmed as `trimmingCharacters(in: .whitespaces)` trims them: tabs, Unicode's space
/// separators (the ideographic space a Chinese input method types among them) and the zero-width
/// space, never newlines or other invisible characters, and nothing inside the text.
@Suite struct HISTextTrimmingTests {
    @Test func examples() {
        #expect("\u{3000} 张伟\t".trimmingSpaces == "张伟")
        #expect("  ".trimmingSpaces == "")
        #expect("".trimmingSpaces == "")
        #expect("a b".trimmingSpaces == "a b")
        #expect("\n1\n".trimmingSpaces == "\n1\n")
        #expect("\u{200B}\u{200C}x\u{200B}".trimmingSpaces == "\u{200C}x")
    }

    @Test func trimsAsFoundationDoes() {
        let pieces = [" ", "\t", "\u{3000}", "\u{00A0}", "\u{2003}", "\n", "\u{200B}", "\u{200C}", "\u{0301}", "a", "7", "医", "保", "😀"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(text.trimmingSpaces == text.trimmingCharacters(in: .whitespaces), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}
