import Foundation
import Testing
import YibaoCore
import YibaoStore

/// Imported files' bytes to text: UTF-8 (mark dropped), else GB18030 (GBK's superset), else refused.
@Suite struct ImportedTextTests {
    @Test func utf8WithOrWithoutMarkIsUTF8() throws {
        for bytes in [Array("kind\n增员".utf8), [0xEF, 0xBB, 0xBF] + Array("kind\n增员".utf8)] {
            let (text, encoding) = try ImportedText.decode(bytes, field: "csv_file")
            #expect(text == "kind\n增员" && encoding == .utf8)
        }
    }

    /// The GBK fixture as a spreadsheet saved it; and GB18030's four-byte form (U+20000 𠀀 is
    /// 0x95 0x32 0x82 0x36), which GBK lacks.
    @Test func gbkAndGB18030AreRead() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("fixtures/roster-gbk.csv")
        let (text, encoding) = try ImportedText.decode([UInt8](try Data(contentsOf: url)), field: "csv_file")
        #expect(encoding == .gb18030)
        #expect(text == "kind,certno,month\r\n增员,350200198005120114,2025-01\r\n增员,350200199203080226,2025-01\r\n")
        #expect(try ImportedText.decode([0xD5, 0xC5, 0x95, 0x32, 0x82, 0x36], field: "f").text == "张\u{20000}")
    }

    @Test func neitherIsRefusedNamingTheField() {
        for bytes: [UInt8] in [[0x41, 0xFF, 0x80], [0x41, 0x81], [0x6B, 0x00, 0x69, 0x00]] {
            #expect { try ImportedText.decode(bytes, field: "csv_file") } throws: { error in
                (error as? DomainError).map { $0.code == "FILE_ENCODING" && $0.path == "csv_file" } ?? false
            }
        }
    }
}
