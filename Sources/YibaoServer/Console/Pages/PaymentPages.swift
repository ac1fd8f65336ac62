import Hummingbird
import YibaoCore
import YibaoStore

/// Importing a bank or tax statement (到账文件) from the console: the same checks and allocation as
/// `yibao payments import` (`PaymentStatementImport`), run as a console job. The statement is a chosen
/// file (UTF-8, or GBK/GB18030 as banks export it) or pasted text. A file with bad lines imports
/// nothing; the summary lists them and offers to import only the good ones.
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
            let (text, encoding) = try form.importText(file: "csv_file", pasted: "csv")
            let (skipInvalid, database) = (form["skip_invalid"] == "1", services.database)
            let request = ConsoleJob.Request(action: "/payments/import", fields: [
                .init(name: "statement", value: statement), .init(name: "csv", value: text), .init(name: "skip_invalid", value: skipInvalid ? "1" : ""),
            ])
            let id = try await jobs.start(for: principal, kind: "statement_import",
                                          title: .init(zh: "导入到账文件 \(statement)", en: "Statement import \(statement)"), back: "/payments",
                                          request: request) { progress in
                let report = try await PaymentStatementImport.run(text, statement: statement, region: region.value, skipInvalid: skipInvalid,
                                                                  by: principal.auditActor, database: database, progress: progress)
                let facts: [ConsoleJob.Fact] = ConsoleJob.Fact.encoding(encoding) + [
                    .init(label: .init(zh: "已导入行", en: "Lines imported"), value: String(report.imported)),
                    .init(label: .init(zh: "此前已导入", en: "Imported before"), value: String(report.alreadyImported)),
                    .init(label: .init(zh: "冲抵欠费（元）", en: "Applied to bills (yuan)"), value: ConsoleFormat.money(report.allocated)),
                    .init(label: .init(zh: "未匹配行", en: "Unmatched lines"), value: String(report.unmatched.count)),
                    .init(label: .init(zh: "问题行", en: "Problems"), value: String(report.errors.count)),
                ]
                let stopped = !report.errors.isEmpty && !skipInvalid
                return ConsoleJob.Outcome(
                    succeeded: !stopped,
                    summary: stopped ? .init(zh: "发现 \(report.errors.count) 处问题，未导入任何行。", en: "\(report.errors.count) problem(s) found; nothing was imported.")
                                     : .init(zh: "已导入 \(report.imported) 行，冲抵 \(ConsoleFormat.money(report.allocated)) 元。",
                                             en: "\(report.imported) line(s) imported, \(ConsoleFormat.money(report.allocated)) applied to bills."),
                    facts: facts, errors: report.errors, goodLines: stopped ? PaymentStatementImport.parse(text).lines.count : nil)
            }
            return ConsoleRenderer.redirect("/jobs/\(id)")
        }
    }
}
