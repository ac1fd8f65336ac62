import Hummingbird
import Synchronization
import YibaoCore
import YibaoStore

/// Long work started from the console (roster and statement imports) runs in the background as a
/// job; the form's post answers at once with a redirect to the job's page, which reloads itself every
/// second (a meta refresh, no JavaScript) while the work runs and then shows its summary and every
/// problem found. The record lives in memory: a restart forgets it, which loses nothing because each
/// import is one transaction (done entirely or not at all). Only the user who started a job may see it.
final class ConsoleJobs: Sendable {
    struct Text: Sendable {
        var zh: String
        var en: String
    }

    /// A follow-up the summary offers as a form (importing the good lines after a report of problems).
    struct Retry: Sendable {
        var action: String
        var fields: [(name: String, value: String)]
        var label: Text
    }

    struct Outcome: Sendable {
        var succeeded: Bool
        var summary: Text
        var facts: [(label: Text, value: String)] = []
        var errors: [CatalogueCSV.LineError] = []
        var retry: Retry? = nil
    }

    struct Job: Sendable {
        let id: String
        let userID: Int64
        let title: Text
        /// The page the work belongs to (the employer, the statement form).
        let back: String
        var done = 0
        var total = 0
        var outcome: Outcome?
    }

    /// Finished jobs beyond this many are forgotten, oldest first.
    static let kept = 200
    private let jobs = Mutex<(byID: [String: Job], order: [String])>(([:], []))

    /// Starts `work` in the background and returns the job's id (unguessable, as it appears in an address).
    func start(for principal: Principal, title: Text, back: String,
               work: @escaping @Sendable (_ progress: @escaping @Sendable (_ done: Int, _ total: Int) -> Void) async throws -> Outcome) -> String {
        let id = SecretToken.generate(prefix: "job_")
        jobs.withLock { state in
            state.byID[id] = Job(id: id, userID: principal.userID, title: title, back: back)
            state.order.append(id)
            while state.order.count > Self.kept, let oldest = state.order.first(where: { state.byID[$0]?.outcome != nil }) {
                state.byID[oldest] = nil
                state.order.removeAll { $0 == oldest }
            }
        }
        Task {
            let outcome: Outcome
            do {
                outcome = try await work { done, total in self.update(id) { $0.done = done; $0.total = total } }
            } catch let error as DomainError {
                outcome = Outcome(succeeded: false, summary: Text(zh: error.message, en: error.messageEn))
            } catch {
                outcome = Outcome(succeeded: false, summary: Text(zh: "任务失败：\(error)", en: "the job failed: \(error)"))
            }
            update(id) { $0.outcome = outcome }
        }
        return id
    }

    func job(_ id: String) -> Job? { jobs.withLock { $0.byID[id] } }

    private func update(_ id: String, _ change: (inout Job) -> Void) {
        jobs.withLock { state in
            if var job = state.byID[id] {
                change(&job)
                state.byID[id] = job
            }
        }
    }
}
