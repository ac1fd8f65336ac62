import Foundation
import Hummingbird
import Synchronization
import YibaoCore
import YibaoStore

/// Long work started from the console (roster and statement imports) runs in the background as a
/// job; the form's post answers at once with a redirect to the job's page, which reloads itself every
/// second (a meta refresh, no JavaScript) while the work runs and then shows its summary and every
/// problem found. Only the user who started a job may see it.
///
/// Each job is a row of `console_jobs`, written when it starts and when it ends, so the jobs page
/// still shows it after a restart. Progress while it runs is held here, in memory: the work is one
/// transaction of its own and its progress could not be written beside it. A row still `running` that
/// this process did not start was cut off by a restart (its one transaction rolled back): it shows as
/// interrupted, with its request to post again.
final class ConsoleJobs: Sendable {
    let database: any Database
    /// This server process, as written in the rows of the jobs it runs.
    let instance = SecretToken.generate(prefix: "run_")
    private let progress = Mutex<[String: (done: Int, total: Int)]>([:])

    init(database: any Database) { self.database = database }

    /// Records the job, starts `work` in the background and returns the job's id (unguessable, as it
    /// appears in an address).
    func start(for principal: Principal, kind: String, title: ConsoleJob.Text, back: String, request: ConsoleJob.Request,
               work: @escaping @Sendable (_ progress: @escaping @Sendable (_ done: Int, _ total: Int) -> Void) async throws -> ConsoleJob.Outcome)
        async throws -> String
    {
        let id = SecretToken.generate(prefix: "job_")
        let record = ConsoleJobRecord(id: id, admdvs: principal.region.value, kind: kind, userID: principal.userID, username: principal.username,
                                      titleZh: title.zh, titleEn: title.en, back: back, request: try Self.json(request), instance: instance,
                                      startedAt: Clock.nowMillis())
        // Held before the row exists, so the row never reads as another process's (interrupted).
        progress.withLock { $0[id] = (0, 0) }
        do {
            try await database.write { db in try await ConsoleJobRepository.insert(record, in: db) }
        } catch {
            progress.withLock { $0[id] = nil }
            throw error
        }
        Task {
            let outcome: ConsoleJob.Outcome
            do {
                outcome = try await work { done, total in self.progress.withLock { $0[id] = (done, total) } }
                // Work reports each line before doing it; having returned, it did them all.
                progress.withLock { if let last = $0[id] { $0[id] = (last.total, last.total) } }
            } catch let error as DomainError {
                outcome = ConsoleJob.Outcome(succeeded: false, summary: .init(zh: error.message, en: error.messageEn))
            } catch {
                outcome = ConsoleJob.Outcome(succeeded: false, summary: .init(zh: "任务失败：\(error)", en: "the job failed: \(error)"))
            }
            let last = progress.withLock { $0[id] ?? (0, 0) }
            do {
                let text = try Self.json(outcome)
                try await database.write { db in
                    try await ConsoleJobRepository.finish(id: id, state: outcome.succeeded ? .succeeded : .failed, done: last.done,
                                                          total: last.total, outcome: text, at: Clock.nowMillis(), in: db)
                }
            } catch {
                // The row stays `running`; with no progress held here any more it reads as interrupted.
            }
            progress.withLock { $0[id] = nil }
        }
        return id
    }

    func job(_ id: String) async throws -> ConsoleJob? {
        guard let record = try await database.read({ db in try await ConsoleJobRepository.find(id: id, in: db) }) else { return nil }
        return try await view(record)
    }

    /// A user's latest jobs, newest first.
    func jobs(startedBy userID: Int64, limit: Int = 50) async throws -> [ConsoleJob] {
        var jobs: [ConsoleJob] = []
        for record in try await database.read({ db in try await ConsoleJobRepository.started(by: userID, limit: limit, in: db) }) {
            jobs.append(try await view(record))
        }
        return jobs
    }

    /// The job as its page shows it. A row read as `running` whose job this process ran but no longer
    /// holds may have finished between the read and now (the outcome is committed before the progress
    /// is let go): it is read again, and only if still `running` is it shown as interrupted.
    func view(_ record: ConsoleJobRecord) async throws -> ConsoleJob {
        if record.state == .running, record.instance == instance, progress.withLock({ $0[record.id] }) == nil,
           let again = try await database.read({ db in try await ConsoleJobRepository.find(id: record.id, in: db) }) {
            return view(again, live: nil)
        }
        return view(record, live: record.state == .running ? progress.withLock { $0[record.id] } : nil)
    }

    private func view(_ record: ConsoleJobRecord, live: (done: Int, total: Int)?) -> ConsoleJob {
        let decoder = JSONDecoder()
        let state: ConsoleJob.State = switch record.state {
        case .running: live == nil ? .interrupted : .running
        case .succeeded: .succeeded
        case .failed: .failed
        }
        return ConsoleJob(record: record, state: state, done: live?.done ?? record.done, total: live?.total ?? record.total,
                          request: try? decoder.decode(ConsoleJob.Request.self, from: Data(record.request.utf8)),
                          outcome: record.outcome.flatMap { try? decoder.decode(ConsoleJob.Outcome.self, from: Data($0.utf8)) })
    }

    private static func json(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }
}
