import SQLKit
import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport
@testable import YibaoServer

/// Console jobs: the progress a running job reports is what its page shows, its record and outcome
/// are kept in the database, and after a restart (a new `ConsoleJobs` on the same database) a finished
/// job still shows its outcome while one that was running shows as interrupted with its request.
@Suite struct ConsoleJobsTests {
    static let request = ConsoleJob.Request(action: "/payments/import", fields: [.init(name: "statement", value: "S1"), .init(name: "csv", value: "x")])

    static func waitUntil(_ jobs: ConsoleJobs, _ id: String, _ done: (ConsoleJob) -> Bool) async throws -> ConsoleJob {
        for _ in 0..<200 {
            if let job = try await jobs.job(id), done(job) { return job }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw TestSetupError("job \(id) did not get there")
    }

    static func clerk() throws -> Principal {
        try Principal(userID: 7, username: "enrol", role: .enrolmentClerk, region: RegionCode.parse("350200"))
    }

    /// Starts a job that reports `done` of `total`, waits until `open` is yielded, then ends with `outcome`.
    static func gatedJob(_ jobs: ConsoleJobs, done: Int, of total: Int, outcome: @escaping @Sendable () -> ConsoleJob.Outcome)
        async throws -> (id: String, open: AsyncStream<Void>.Continuation) {
        let (gate, open) = AsyncStream<Void>.makeStream()
        let id = try await jobs.start(for: try clerk(), kind: "statement_import", title: .init(zh: "测试", en: "test"), back: "/employers",
                                      request: Self.request) { progress in
            progress(done, total)
            for await _ in gate { break }
            return outcome()
        }
        return (id, open)
    }

    @Test(arguments: TestBackend.all)
    func aJobShowsItsProgressUntilItsOutcomeAndOutlivesARestart(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let jobs = ConsoleJobs(database: db)
            let clerk = try Self.clerk()
            // A statement whose one line names no valid payer: one problem, on line 2. Ending, the job
            // counts as having done all it reported (3 of 3).
            let (id, open) = try await Self.gatedJob(jobs, done: 1, of: 3) {
                let errors = PaymentStatementImport.parse("payer,amount,paid_on\nnobody,1.00,2025-01-01").errors
                return ConsoleJob.Outcome(succeeded: false, summary: .init(zh: "发现 1 处问题", en: "1 problem"), errors: errors, goodLines: 0)
            }
            #expect(id.hasPrefix("job_"))
            let running = try await Self.waitUntil(jobs, id) { $0.done == 1 }
            #expect(running.state == .running && running.total == 3 && running.outcome == nil && running.record.userID == 7)
            let page = ConsoleRenderer.library.render(["t": ConsoleText.zh, "running": ["done": 1, "total": 3, "progressText": "1 / 3"]],
                                                      withTemplate: "job") ?? ""
            #expect(page.contains("<progress max=\"3\" value=\"1\""))
            open.yield()
            let finished = try await Self.waitUntil(jobs, id) { $0.state != .running }
            let outcome = try #require(finished.outcome)
            #expect(finished.state == .failed && finished.done == 3 && !outcome.succeeded && outcome.errors.map { "\($0.line):\($0.field)" } == ["2:payer"])
            #expect(finished.record.finishedAt != nil)
            #expect(try await jobs.job("job_unknown") == nil)

            // A second job is still running when the server "stops": the new process shows it interrupted.
            let (stuck, release) = AsyncStream<Void>.makeStream()
            let cut = try await jobs.start(for: clerk, kind: "statement_import", title: .init(zh: "中断", en: "cut"), back: "/payments",
                                           request: Self.request) { _ in
                for await _ in stuck { break }
                return ConsoleJob.Outcome(succeeded: true, summary: .init(zh: "完成", en: "done"))
            }
            let restarted = ConsoleJobs(database: db)
            let after = try #require(try await restarted.job(id))
            #expect(after.state == .failed && after.outcome?.errors.count == 1 && after.done == 3 && after.total == 3)
            let interrupted = try #require(try await restarted.job(cut))
            #expect(interrupted.state == .interrupted && interrupted.request?.action == "/payments/import"
                    && interrupted.request?.fields.map(\.name) == ["statement", "csv"])
            #expect(try await restarted.jobs(startedBy: 7).map(\.record.id) == [cut, id])
            #expect(try await restarted.jobs(startedBy: 8).isEmpty)
            release.yield()
            _ = try await Self.waitUntil(jobs, cut) { $0.state == .succeeded }
        }
    }

    /// A page read the job's row just before the job ended and looks at the job just after: it shows
    /// the outcome, not "interrupted" (which had happened under load on PostgreSQL in CI).
    @Test(arguments: TestBackend.all)
    func aJobThatEndsWhileItsRowIsReadShowsItsOutcome(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let jobs = ConsoleJobs(database: db)
            let (id, open) = try await Self.gatedJob(jobs, done: 1, of: 1) {
                ConsoleJob.Outcome(succeeded: true, summary: .init(zh: "完成", en: "done"))
            }
            let stale = try #require(try await db.read { sql in try await ConsoleJobRepository.find(id: id, in: sql) })
            #expect(stale.state == .running)
            open.yield()
            _ = try await Self.waitUntil(jobs, id) { $0.state == .succeeded }
            // The job lets its progress go just after its outcome commits; until then the stale row still
            // shows as running (the live progress), never as interrupted.
            var shown = try await jobs.view(stale)
            var tries = 0
            while shown.state == .running, tries < 200 {
                tries += 1
                try await Task.sleep(for: .milliseconds(10))
                shown = try await jobs.view(stale)
            }
            #expect(shown.state == .succeeded && shown.outcome?.succeeded == true)
        }
    }
}
