import Foundation
import SQLKit
import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport
@testable import YibaoServer

/// Console jobs across a restart (a new application on the same database): the jobs page still lists
/// a finished import with its outcome, and an import that was running when the server stopped shows as
/// interrupted with a button that runs it again.
@Suite struct ConsoleJobsRestartTests {
    @Test(arguments: TestBackend.all)
    func jobsOutliveARestartAndAnInterruptedOneRunsAgain(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await DemoData.load(into: db, bcryptCost: 4, logger: TestBackend.logger)
            let zhang = try #require(DemoData.insuredCertno("张伟"))
            try await LiveServer.serve(db) { client in
                let collector = try await client.signIn("collect")
                let token = try #require(ConsolePagesTests.csrf(try await client.send(.get, "/payments", auth: collector).body))
                let csv = FormPosts.escape("payer,amount,paid_on\n\(zhang),100.00,2026-11-10\n")
                let reply = try await client.send(.post, "/payments/import", body: "csrf=\(token)&statement=B-1&csv=\(csv)", auth: collector,
                                                  contentType: LiveServer.form)
                #expect(try await ConsoleRecordsPagesTests.finish(client, reply, auth: collector).contains("已导入 1 行"))
            }
            // The server process that ran this import stopped in the middle of it.
            let (collect, finished) = try await db.read { sql in
                (try await sql.raw("SELECT id FROM users WHERE username = 'collect'").first()?.decode(column: "id", as: Int64.self),
                 try await sql.raw("SELECT id FROM console_jobs WHERE title_zh = '导入到账文件 B-1'").first()?.decode(column: "id", as: String.self))
            }
            let principal = try Principal(userID: try #require(collect), username: "collect", role: .collectionClerk, region: RegionCode.parse("350200"))
            let (never, hold) = AsyncStream<Void>.makeStream()
            let stopped = ConsoleJobs(database: db)
            let cut = try await stopped.start(
                for: principal, kind: "statement_import", title: .init(zh: "导入到账文件 B-2", en: "Statement import B-2"), back: "/payments",
                request: .init(action: "/payments/import", fields: [.init(name: "statement", value: "B-2"),
                                                                    .init(name: "csv", value: "payer,amount,paid_on\n\(zhang),200.00,2026-11-11\n"),
                                                                    .init(name: "skip_invalid", value: "")])) { _ in
                for await _ in never {}
                throw CancellationError()
            }

            try await LiveServer.serve(db) { client in
                let collector = try await client.signIn("collect")
                let list = try await client.send(.get, "/jobs", auth: collector)
                #expect(list.status == .ok)
                #expect(list.body.contains("<a href=\"/jobs/\(cut)\">导入到账文件 B-2</a>") && list.body.contains("已中断（服务重启）"))
                #expect(list.body.contains("导入到账文件 B-1") && list.body.contains("已导入 1 行，冲抵"))
                let old = try await client.send(.get, "/jobs/\(try #require(finished))", auth: collector)
                #expect(old.body.contains("已导入 1 行") && !old.body.contains("http-equiv=\"refresh\""))
                #expect(try await client.send(.get, "/jobs", auth: try await client.signIn("enrol")).body.contains("B-2") == false)

                let page = try await client.send(.get, "/jobs/\(cut)", auth: collector)
                #expect(page.body.contains("id=\"job-interrupted\"") && page.body.contains("id=\"job-rerun\"") && !page.body.contains("http-equiv=\"refresh\""))
                let fields = try #require(FormPosts.hiddenFields(of: "job-rerun", in: page.body))
                let rerun = try await client.send(.post, "/payments/import", body: fields, auth: collector, contentType: LiveServer.form)
                let done = try await ConsoleRecordsPagesTests.finish(client, rerun, auth: collector)
                #expect(done.contains("已导入 1 行"), "\(done)")
                let paid = try await db.read { sql in
                    try await sql.raw("SELECT amount_fen FROM payments WHERE statement = 'B-2'").all().map { try $0.decode(column: "amount_fen", as: Int64.self) }
                }
                #expect(paid == [20_000])
            }
            // Let the stand-in for the stopped process end before the database goes.
            hold.finish()
            _ = try await ConsoleJobsTests.waitUntil(stopped, cut) { $0.state != .running }
        }
    }
}
