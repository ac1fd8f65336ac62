import Hummingbird
import YibaoCore
import YibaoStore

/// The user's console jobs (`/jobs`) and a job's page (`/jobs/{id}`): progress while the work runs,
/// reloading itself every second, then the summary with each problem's line, field and reason; for a
/// job cut off by a restart, a button that runs it again. Guarded by who started the job, not by a
/// permission, since jobs of several kinds share the pages; the work's own route checks the permission
/// again when a job is run again.
struct JobPages {
    let jobs: ConsoleJobs

    func register(on router: Router<YibaoRequestContext>) {
        router.signedInPage(.get, "/jobs") { visit, principal, _ in
            let list = try await jobs.jobs(startedBy: principal.userID)
            let data: [String: Any] = ["jobs": list.map { job -> [String: Any] in
                ["href": "/jobs/\(job.record.id)", "title": visit.pick(job.title.zh, job.title.en), "who": job.record.username,
                 "region": job.record.admdvs, "started": ConsoleFormat.instant(job.record.startedAt),
                 "finished": job.record.finishedAt.map(ConsoleFormat.instant) ?? "—", "progress": "\(job.done) / \(job.total)",
                 "state": Self.stateText(job.state, visit.language), "stateClass": job.state.rawValue,
                 "summary": job.outcome.map { visit.pick($0.summary.zh, $0.summary.en) } ?? ""]
            }]
            return ConsoleRenderer.render(ConsolePage(template: "jobs", title: visit.t("jobs_title"), data: data), visit)
        }
        router.signedInPage(.get, "/jobs/:id") { visit, principal, context in
            guard let id = context.parameters.get("id"), let job = try await jobs.job(id) else {
                throw DomainError(.notFound, code: "JOB_NOT_FOUND", message: "任务不存在", messageEn: "no such job", path: "id")
            }
            guard job.record.userID == principal.userID else {
                throw DomainError(.forbidden, code: "FORBIDDEN_SCOPE", message: "只能查看本人发起的任务", messageEn: "only the user who started a job may see it")
            }
            return ConsoleRenderer.render(ConsolePage(template: "job", title: visit.pick(job.title.zh, job.title.en), data: Self.data(job, visit),
                                                      refresh: job.state == .running ? 1 : nil), visit)
        }
    }

    static func data(_ job: ConsoleJob, _ visit: ConsoleVisit) -> [String: Any] {
        let l = visit.language
        var data: [String: Any] = [
            "back": job.record.back, "who": job.record.username, "region": job.record.admdvs,
            "started": ConsoleFormat.instant(job.record.startedAt), "finished": job.record.finishedAt.map(ConsoleFormat.instant) ?? "—",
            "state": stateText(job.state, l),
        ]
        switch job.state {
        case .running:
            data["running"] = ["done": job.done, "total": max(job.total, 1),
                               "progressText": l.pick("正在处理：已完成 \(job.done) / \(job.total)", "Working: \(job.done) of \(job.total) done")] as [String: Any]
        case .interrupted:
            data["interrupted"] = true
            if let request = job.request {
                data["resubmit"] = form(request, id: "job-rerun", button: "rerun", label: visit.t("job_rerun"))
            }
        case .succeeded, .failed:
            guard let outcome = job.outcome else { break }
            data["outcome"] = [
                "succeeded": outcome.succeeded, "summary": l.pick(outcome.summary.zh, outcome.summary.en),
                "hasFacts": !outcome.facts.isEmpty,
                "facts": outcome.facts.map { ["label": l.pick($0.label.zh, $0.label.en), "value": $0.value] },
                "hasErrors": !outcome.errors.isEmpty,
                "errors": outcome.errors.map { e -> [String: Any] in ["line": e.line, "field": e.field, "reason": l.pick(e.message, e.messageEn)] },
            ] as [String: Any]
            // The offer to import the good lines: the same request with `skip_invalid=1`.
            if let good = outcome.goodLines, good > 0, var request = job.request {
                request.fields = request.fields.filter { $0.name != "skip_invalid" } + [.init(name: "skip_invalid", value: "1")]
                data["resubmit"] = form(request, id: "job-retry", button: "retry",
                                        label: l.pick("仅导入正确的 \(good) 行", "Import only the \(good) good line(s)"))
            }
        }
        return data
    }

    private static func form(_ request: ConsoleJob.Request, id: String, button: String, label: String) -> [String: Any] {
        ["id": id, "button": button, "action": request.action, "label": label,
         "fields": request.fields.map { ["name": $0.name, "value": $0.value] }]
    }

    static func stateText(_ state: ConsoleJob.State, _ l: ConsoleLanguage) -> String {
        switch state {
        case .running: l.pick("进行中", "running")
        case .succeeded: l.pick("已完成", "done")
        case .failed: l.pick("未完成（见问题）", "stopped (see the problems)")
        case .interrupted: l.pick("已中断（服务重启）", "interrupted (server restarted)")
        }
    }
}
