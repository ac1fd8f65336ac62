import Hummingbird
import YibaoCore
import YibaoStore

/// A console job's page (`/jobs/{id}`): progress while the work runs, reloading itself every second,
/// then the summary with each problem's line, field and reason. Only the user who started the job may
/// open it: it is guarded by that, not by a permission, since jobs of several kinds share the page.
struct JobPages {
    let jobs: ConsoleJobs

    func register(on router: Router<YibaoRequestContext>) {
        router.page(.get, "/jobs/:id", nil) { visit, context in
            guard let principal = visit.principal else { return ConsoleRenderer.redirect("/signin") }
            guard let job = context.parameters.get("id").flatMap(jobs.job(_:)) else {
                throw DomainError(.notFound, code: "JOB_NOT_FOUND", message: "任务不存在或已过期（服务重启后不再保留）",
                                  messageEn: "no such job (jobs are forgotten when the server restarts)", path: "id")
            }
            guard job.userID == principal.userID else {
                throw DomainError(.forbidden, code: "FORBIDDEN_SCOPE", message: "只能查看本人发起的任务", messageEn: "only the user who started a job may see it")
            }
            let l = visit.language
            var data: [String: Any] = ["back": job.back]
            if let outcome = job.outcome {
                var summary: [String: Any] = [
                    "succeeded": outcome.succeeded, "summary": l.pick(outcome.summary.zh, outcome.summary.en),
                    "hasFacts": !outcome.facts.isEmpty,
                    "facts": outcome.facts.map { ["label": l.pick($0.label.zh, $0.label.en), "value": $0.value] },
                    "hasErrors": !outcome.errors.isEmpty,
                    "errors": outcome.errors.map { e -> [String: Any] in
                        ["line": e.line, "field": e.field, "reason": l.pick(e.message, e.messageEn)]
                    },
                ]
                if let retry = outcome.retry {
                    summary["retry"] = ["action": retry.action, "label": l.pick(retry.label.zh, retry.label.en),
                                        "fields": retry.fields.map { ["name": $0.name, "value": $0.value] }] as [String: Any]
                }
                data["outcome"] = summary
            } else {
                data["running"] = ["done": job.done, "total": max(job.total, 1),
                                   "progressText": l.pick("正在处理：已完成 \(job.done) / \(job.total)", "Working: \(job.done) of \(job.total) done")] as [String: Any]
            }
            let title = l.pick(job.title.zh, job.title.en)
            return ConsoleRenderer.render(ConsolePage(template: "job", title: title, data: data, refresh: job.outcome == nil ? 1 : nil), visit)
        }
    }
}
