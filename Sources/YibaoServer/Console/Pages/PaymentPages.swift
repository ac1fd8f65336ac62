import Hummingbird
import YibaoCore
import YibaoStore

/// Importing a bank or tax statement (到账文件) from the console: the same checks and allocation as
/// `yibao payments import` (`PaymentStatementImport`), run as a console job. A file with bad lines
/// imports nothing; the summary lists them and offers to import only the good ones.
struct PaymentPages {
    let services: Services
    let jobs: ConsoleJobs

    func register(on router: Router<YibaoRequestContext>) {
        router.page(.get, "/payments", section: .payments) { visit, _ in
            try visit.user.authorize(.contributionReconcile, on: Scope(region: visit.user.region))
            return ConsoleRenderer.render(ConsolePage(template: "payments", title: visit.t("payments_title"), data: [:]), visit)
        }
        router.page(.post, "/payments/import", .contributionReconcile, for: .agency) { visit, context in
            let form = try await FormBody.read(visit.request, context: context)
            try ConsoleCSRF.check(form, visit.request)
            let principal = visit.user
            let region = principal.region
            try principal.authorize(.contributionReconcile, on: Scope(region: region))
            let statement = (form["statement"] ?? "").trimmingCharacters(in: .whitespaces)
            guard !statement.isEmpty else {
                throw DomainError(code: "STATEMENT_REQUIRED", message: "请填写对账单编号", messageEn: "give the statement's name", path: "statement")
            }
            let (text, skipInvalid, database) = (form["csv"] ?? "", form["skip_invalid"] == "1", services.database)
            let id = jobs.start(for: principal, title: .init(zh: "导入到账文件 \(statement)", en: "Statement import \(statement)"), back: "/payments") { progress in
                let report = try await PaymentStatementImport.run(text, statement: statement, region: region.value, skipInvalid: skipInvalid,
                                                                  by: principal.auditActor, database: database, progress: progress)
                let facts: [(label: ConsoleJobs.Text, value: String)] = [
                    (.init(zh: "已导入行", en: "Lines imported"), String(report.imported)),
                    (.init(zh: "此前已导入", en: "Imported before"), String(report.alreadyImported)),
                    (.init(zh: "冲抵欠费（元）", en: "Applied to bills (yuan)"), ConsoleFormat.money(report.allocated)),
                    (.init(zh: "未匹配行", en: "Unmatched lines"), String(report.unmatched.count)),
                    (.init(zh: "问题行", en: "Problems"), String(report.errors.count)),
                ]
                let stopped = !report.errors.isEmpty && !skipInvalid
                let good = stopped ? PaymentStatementImport.parse(text).lines.count : 0
                return ConsoleJobs.Outcome(
                    succeeded: !stopped,
                    summary: stopped ? .init(zh: "发现 \(report.errors.count) 处问题，未导入任何行。", en: "\(report.errors.count) problem(s) found; nothing was imported.")
                                     : .init(zh: "已导入 \(report.imported) 行，冲抵 \(ConsoleFormat.money(report.allocated)) 元。",
                                             en: "\(report.imported) line(s) imported, \(ConsoleFormat.money(report.allocated)) applied to bills."),
                    facts: facts, errors: report.errors,
                    retry: good == 0 ? nil : ConsoleJobs.Retry(action: "/payments/import",
                        fields: [("statement", statement), ("csv", text), ("skip_invalid", "1")],
                        label: .init(zh: "仅导入正确的 \(good) 行", en: "Import only the \(good) good line(s)")))
            }
            return ConsoleRenderer.redirect("/jobs/\(id)")
        }
    }
}
