import Testing
import YibaoCore
import YibaoStore
@testable import YibaoServer

/// Console jobs: the progress a running job reports is what its page shows, and the page (the `job`
/// template) carries the progress while running and the problems once finished.
@Suite struct ConsoleJobsTests {
    @Test func aJobShowsItsProgressUntilItsOutcome() async throws {
        let jobs = ConsoleJobs()
        let clerk = try Principal(userID: 7, username: "enrol", role: .enrolmentClerk, region: RegionCode.parse("350200"))
        let (gate, open) = AsyncStream<Void>.makeStream()
        let id = jobs.start(for: clerk, title: .init(zh: "测试", en: "test"), back: "/employers") { progress in
            progress(1, 3)
            for await _ in gate { break }
            progress(3, 3)
            // A statement whose one line names no valid payer: one problem, on line 2.
            let errors = PaymentStatementImport.parse("payer,amount,paid_on\nnobody,1.00,2025-01-01").errors
            return ConsoleJobs.Outcome(succeeded: false, summary: .init(zh: "发现 1 处问题", en: "1 problem"), errors: errors)
        }
        #expect(id.hasPrefix("job_"))
        var running = try #require(jobs.job(id))
        for _ in 0..<100 where running.done == 0 {
            try await Task.sleep(for: .milliseconds(10))
            running = try #require(jobs.job(id))
        }
        #expect(running.done == 1 && running.total == 3 && running.outcome == nil && running.userID == 7)
        let page = ConsoleRenderer.library.render(["t": ConsoleText.zh, "running": ["done": 1, "total": 3, "progressText": "1 / 3"]],
                                                  withTemplate: "job") ?? ""
        #expect(page.contains("<progress max=\"3\" value=\"1\""))
        open.yield()
        var finished = running
        for _ in 0..<100 where finished.outcome == nil {
            try await Task.sleep(for: .milliseconds(10))
            finished = try #require(jobs.job(id))
        }
        let outcome = try #require(finished.outcome)
        #expect(finished.done == 3 && !outcome.succeeded && outcome.errors.map { "\($0.line):\($0.field)" } == ["2:payer"])
        #expect(jobs.job("job_unknown") == nil)
    }
}
