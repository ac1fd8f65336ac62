import Foundation
import SQLKit
import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// Statement and roster files chosen in the console's forms (multipart/form-data, no JavaScript) in
/// the encodings Chinese banks and spreadsheets write: the GBK fixtures in `Tests/fixtures`, sent as
/// their very bytes, are read right; bytes that are neither UTF-8 nor GB18030 are refused at the field.
@Suite struct ConsoleFileImportTests {
    @Test(arguments: TestBackend.all)
    func aGBKStatementFileIsReadAsGB18030(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let collector = try await client.signIn("collect")
            let token = try #require(ConsolePagesTests.csrf(try await client.send(.get, "/payments", auth: collector).body))
            let body = FormPosts.multipart([("csrf", token), ("statement", "ICBC-2026-11"), ("csv", "")],
                                           file: ("csv_file", "对账单.csv", try FormPosts.fixture("statement-gbk.csv")))
            let reply = try await client.send(.post, "/payments/import", bytes: body, auth: collector, contentType: FormPosts.multipartType)
            let page = try await ConsoleRecordsPagesTests.finish(client, reply, auth: collector)
            #expect(page.contains("已导入 2 行"), "\(page)")
            #expect(page.contains("<dt>文件编码</dt><dd class=\"num\">GB18030</dd>"))
            let references = try await client.database.read { db in
                try await db.raw("SELECT reference FROM payments WHERE statement = 'ICBC-2026-11' ORDER BY line_no").all()
                    .map { try $0.decode(column: "reference", as: String.self) }
            }
            #expect(references == ["工商银行代扣 张伟 2026年10月医保费", "工商银行代扣 李娜 2026年10月医保费"])
        }
    }

    @Test(arguments: TestBackend.all)
    func aGBKRosterFileIsImported(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let (id, _) = try await client.registerEmployer(organisation: "MA1RTE004", name: "厦门编码测试有限公司")
            let clerk = try await client.signIn("enrol")
            let token = try #require(ConsolePagesTests.csrf(try await client.send(.get, "/employers/350200/\(id)", auth: clerk).body))
            let body = FormPosts.multipart([("csrf", token)], file: ("csv_file", "名单.csv", try FormPosts.fixture("roster-gbk.csv")))
            let reply = try await client.send(.post, "/employers/350200/\(id)/roster-import", bytes: body, auth: clerk,
                                              contentType: FormPosts.multipartType)
            let page = try await ConsoleRecordsPagesTests.finish(client, reply, auth: clerk)
            #expect(page.contains("已导入 2 条增减员记录。"), "\(page)")
            #expect(try await client.send(.get, "/employers/350200/\(id)?month=2025-01", auth: clerk).body.contains("参保名单（2 人）"))
        }
    }

    /// A UTF-16 file (NUL bytes) and bytes that are no GB18030 either (0xFF leads nothing) are refused
    /// before any job starts, naming the file field; so is a form with neither a file nor text.
    @Test(arguments: TestBackend.all)
    func undecodableFilesAreRefusedAtTheirField(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let collector = try await client.signIn("collect")
            let token = try #require(ConsolePagesTests.csrf(try await client.send(.get, "/payments", auth: collector).body))
            let utf16: [UInt8] = [0xFF, 0xFE] + Array("payer".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            for bytes in [utf16, Array("payer,amount,paid_on\n".utf8) + [0xFF, 0x80, 0x0A]] {
                let body = FormPosts.multipart([("csrf", token), ("statement", "BAD-1")], file: ("csv_file", "bad.csv", bytes))
                let reply = try await client.send(.post, "/payments/import", bytes: body, auth: collector, contentType: FormPosts.multipartType)
                #expect(reply.status == .badRequest)
                #expect(reply.body.contains("文件既不是 UTF-8 也不是 GBK/GB18030 编码的文本") && reply.body.contains("<code>FILE_ENCODING</code>")
                        && reply.body.contains("<code>csv_file</code>"), "\(reply.body)")
            }
            let empty = try await client.send(.post, "/payments/import", body: "csrf=\(token)&statement=EMPTY&csv=", auth: collector,
                                              contentType: LiveServer.form)
            #expect(empty.status == .badRequest && empty.body.contains("<code>FILE_REQUIRED</code>"))
            let english = try await client.send(.post, "/payments/import?lang=en", bytes: FormPosts.multipart(
                [("csrf", token), ("statement", "BAD-2")], file: ("csv_file", "bad.csv", [0x41, 0xFF])), auth: collector, contentType: FormPosts.multipartType)
            #expect(english.body.contains("the file is neither UTF-8 nor GBK/GB18030 text"))
        }
    }
}
