import Hummingbird
import YibaoCore
import YibaoStore

/// Employers (参保单位): the region's list, an employer's page (roster of a month with the locked
/// bases, the month's bills, open bills past due, payments received, the year's statement as CSV) and the
/// CSV roster import, which runs as a console job (`ConsoleJobs`) and reports every bad line before
/// anything is written. Agency staff open any employer of their region; an employer's own user lands on
/// its page (`/company`) and may open no other (`Services.employer` checks the scope of every page).
struct EmployerPages {
    let services: Services
    let jobs: ConsoleJobs

    func register(on router: Router<YibaoRequestContext>) {
        router.page(.get, "/employers", section: .employers) { visit, _ in
            let region = visit.user.region
            try visit.user.authorize(.employerRead, on: Scope(region: region))
            let list = try await services.database.read { db in try await EmployerRepository.list(admdvs: region.value, in: db) }
            let data: [String: Any] = [
                "caption": visit.pick("统筹区 \(region) 共 \(list.count) 家参保单位", "\(list.count) employers in region \(region)"),
                "employers": list.map { e -> [String: Any] in
                    ["href": Self.href(e), "name": e.name, "creditCode": e.creditCode, "kind": Self.kind(e.kind, visit.language), "contact": e.contact]
                },
            ]
            return ConsoleRenderer.render(ConsolePage(template: "employers", title: visit.t("employers_title"), data: data), visit)
        }
        router.page(.get, "/company", section: .company) { visit, _ in
            let principal = visit.user
            let employer = try await services.employer(region: principal.region.value, id: principal.employerID.map(String.init), principal,
                                                       .employerRead)
            return ConsoleRenderer.redirect(Self.href(employer))
        }
        router.page(.get, "/employers/:admdvs/:id", .employerRead) { visit, context in
            try await page(try await employer(context, visit.user, .employerRead), visit)
        }
        router.page(.get, "/employers/:admdvs/:id/statement.csv", .contributionRead) { visit, context in
            let employer = try await employer(context, visit.user, .contributionRead)
            let (from, through) = try EmployerContributionRoutes.months(month: nil, from: visit.query["from"], through: visit.query["through"])
            let statement = try await EmployerContributionRoutes.statement(employer, from: from, through: through, services: services)
            return ConsoleRenderer.respond(Self.csv(statement, visit), contentType: "text/csv; charset=utf-8", visit,
                                           extraHeaders: [.contentDisposition: "attachment; filename=\"statement-\(employer.id)-\(from)-\(through).csv\""])
        }
        router.page(.post, "/employers/:admdvs/:id/roster-import", .employerDeclare) { visit, context in
            let form = try await FormBody.read(visit.request, context: context)
            try ConsoleCSRF.check(form, visit.request)
            let principal = visit.user
            let employer = try await employer(context, principal, .employerDeclare)
            let (text, encoding) = try form.importText(file: "csv_file", pasted: "csv")
            let skipInvalid = form["skip_invalid"] == "1"
            let database = services.database
            let request = ConsoleJob.Request(action: Self.href(employer) + "/roster-import",
                                             fields: [.init(name: "csv", value: text), .init(name: "skip_invalid", value: skipInvalid ? "1" : "")])
            let id = try await jobs.start(for: principal, kind: "roster_import",
                                          title: .init(zh: "导入增减员名单：\(employer.name)", en: "Roster import: \(employer.name)"),
                                          back: Self.href(employer), request: request) { progress in
                let report = try await RosterImport.run(text, employer: employer, skipInvalid: skipInvalid, by: principal.auditActor,
                                                        database: database, progress: progress)
                return Self.outcome(report, encoding: encoding)
            }
            return ConsoleRenderer.redirect("/jobs/\(id)")
        }
    }

    static func href(_ e: EmployerRecord) -> String { "/employers/\(e.admdvs)/\(e.id)" }

    /// The statement as a spreadsheet reads it (UTF-8 with a byte-order mark, money as plain decimals).
    static func csv(_ statement: EmployerContributionRoutes.Statement, _ visit: ConsoleVisit) -> String {
        let header = [visit.t("bill_month"), visit.t("person_psnNo"), visit.t("person_name"), visit.t("bill_employerShare"),
                      visit.t("bill_individualShare"), visit.t("bill_total"), visit.t("bill_paid"), visit.t("bill_due"), visit.t("bill_cleared")]
        let rows = statement.items.map { b in
            [b.month, b.psn_no, b.name, b.employer_share.description, b.individual_share.description, b.total.description, b.paid.description,
             b.due_date, b.cleared_on ?? ""]
        }
        return "\u{FEFF}" + ([header] + rows).map { $0.map(SVGChart.csvField).joined(separator: ",") + "\r\n" }.joined()
    }

    /// Roster rows per page of an employer's page.
    static let rosterPageSize = 200

    static func kind(_ kind: String, _ l: ConsoleLanguage) -> String {
        let names = ["enterprise": ("企业", "enterprise"), "institution": ("事业单位", "public institution"),
                     "government": ("机关", "government body"), "individual": ("个体工商户", "individual business")]
        return names[kind].map { l.pick($0.0, $0.1) } ?? kind
    }

    /// The summary of an import: what was written, or the problems and (when some lines are good) how
    /// many the job's request with `skip_invalid=1` would write.
    static func outcome(_ report: RosterImport.Report, encoding: ImportedText.Encoding?) -> ConsoleJob.Outcome {
        let facts: [ConsoleJob.Fact] = ConsoleJob.Fact.encoding(encoding) + [
            .init(label: .init(zh: "数据行", en: "Data lines"), value: String(report.lines)),
            .init(label: .init(zh: "增员", en: "Hires"), value: String(report.hires)),
            .init(label: .init(zh: "减员", en: "Leaves"), value: String(report.leaves)),
            .init(label: .init(zh: "问题行", en: "Problems"), value: String(report.errors.count)),
        ]
        if report.written {
            return .init(succeeded: true,
                         summary: .init(zh: "已导入 \(report.valid) 条增减员记录" + (report.errors.isEmpty ? "。" : "，跳过 \(report.errors.count) 处问题。"),
                                        en: "\(report.valid) roster changes imported" + (report.errors.isEmpty ? "." : "; \(report.errors.count) problem(s) skipped.")),
                         facts: facts, errors: report.errors)
        }
        return .init(succeeded: false,
                     summary: .init(zh: "发现 \(report.errors.count) 处问题，未导入任何记录。请修改文件后重新导入，或仅导入正确的行。",
                                    en: "\(report.errors.count) problem(s) found; nothing was imported. Correct the file and import it again, or import only the good lines."),
                     facts: facts, errors: report.errors, goodLines: report.valid)
    }

    private func employer(_ context: YibaoRequestContext, _ principal: Principal, _ permission: Permission) async throws -> EmployerRecord {
        try await services.employer(region: context.parameters.get("admdvs") ?? "", id: context.parameters.get("id"), principal, permission)
    }

    private func page(_ employer: EmployerRecord, _ visit: ConsoleVisit) async throws -> Response {
        let principal = visit.user
        let l = visit.language
        let today = ConsoleFormat.day(ofMillis: Clock.nowMillis())
        let monthText = visit.query["month"].flatMap { $0.isEmpty ? nil : $0 } ?? String(today.description.prefix(7))
        let month = try BillingMonth.parse(monthText)
        let pageText = visit.query["roster_page"].flatMap { $0.isEmpty ? nil : $0 } ?? "1"
        guard let rosterPage = Int(pageText), rosterPage >= 1 else {
            throw DomainError(code: "PAGE_INVALID", message: "页码应为正整数：“\(pageText)”", messageEn: "a page number is a positive integer: \"\(pageText)\"",
                              path: "roster_page")
        }
        let (members, roster, bases, bills, overdue, payments) = try await services.database.read { db in
            let members = try await EmployerRepository.roster(admdvs: employer.admdvs, month: month.description, employerID: employer.id, in: db)
            // One page of the roster is looked up and shown: a large employer has thousands of employees.
            let shown = Array(members.dropFirst((rosterPage - 1) * Self.rosterPageSize).prefix(Self.rosterPageSize))
            let bills = try await EmployerAccountQuery.bills(employer, from: month.description, through: month.description, in: db)
            let overdue = try await EmployerAccountQuery.overdue(employer, on: today, in: db)
            let numbers = Array(Set(shown.map(\.psnNo) + bills.map(\.psnNo) + overdue.map(\.psnNo)))
            let persons = try await PersonSearch.find(psnNos: numbers, admdvs: employer.admdvs, in: db)
            let byNo = Dictionary(persons.map { ($0.psnNo, $0) }, uniquingKeysWith: { a, _ in a })
            let bases = try await ContributionBaseRepository.bases(admdvs: employer.admdvs, year: month.year, psnNos: shown.map(\.psnNo), in: db)
            return (members.count, shown.compactMap { byNo[$0.psnNo] }, bases[employer.id] ?? [:], bills.map { ($0, byNo[$0.psnNo]) },
                    overdue.map { ($0, byNo[$0.psnNo]) }, try await EmployerAccountQuery.payments(employer, in: db))
        }
        let pages = max(1, (members + Self.rosterPageSize - 1) / Self.rosterPageSize)
        func pageHref(_ number: Int) -> String {
            Self.href(employer) + "?" + ConsoleURL.query([("month", month.description), ("roster_page", String(number))]) + "#h-roster"
        }
        let personLink = principal.role.permissions.contains(.personRead)
        func sum(_ pick: (ContributionBill) -> Money) -> String { ConsoleFormat.money(bills.reduce(.zero) { $0 + pick($1.0) }) }
        let data: [String: Any] = [
            "href": Self.href(employer), "name": employer.name, "creditCode": employer.creditCode, "kind": Self.kind(employer.kind, l),
            "contact": employer.contact, "region": employer.admdvs, "month": month.description,
            "rosterTitle": visit.pick("\(month) 参保名单（\(members) 人）", "Roster of \(month) (\(members))"),
            "rosterPager": pages == 1 ? [] : [[
                "text": visit.pick("第 \(rosterPage) / \(pages) 页，每页 \(Self.rosterPageSize) 人", "page \(rosterPage) of \(pages), \(Self.rosterPageSize) per page"),
                "prev": rosterPage > 1 ? pageHref(rosterPage - 1) : nil, "next": rosterPage < pages ? pageHref(rosterPage + 1) : nil,
            ].compactMapValues { $0 }],
            "roster": roster.map { p -> [String: Any] in
                var row: [String: Any] = ["psnNo": String(p.psnNo), "name": p.name, "certno": PersonText.identity(p, principal),
                                          "category": ConsoleLabels.category(p.category, l),
                                          "declared": bases[p.psnNo].map { ConsoleFormat.money($0.declared) } ?? "—",
                                          "base": bases[p.psnNo].map { ConsoleFormat.money($0.amount) } ?? "—"]
                if personLink { row["personHref"] = "/persons/\(p.psnNo)" }
                return row
            },
            "billsTitle": visit.pick("\(month) 缴费核定", "Bills of \(month)"),
            "bills": bills.map { bill, person in BillText.row(bill, payer: "", visit).merging(["name": person?.name ?? String(bill.psnNo)]) { _, new in new } },
            "billsEmployer": sum(\.employerShare), "billsIndividual": sum(\.individualShare), "billsTotal": sum(\.total), "billsPaid": sum(\.paid),
            "overdueTitle": visit.pick("截至 \(today) 的欠费", "Arrears as of \(today)"),
            "overdue": overdue.map { bill, person -> [String: Any] in
                ["month": bill.month, "name": person?.name ?? String(bill.psnNo), "outstanding": ConsoleFormat.money(bill.outstanding),
                 "due": ConsoleFormat.date(bill.dueDate), "days": bill.dueDate.days(until: today)]
            },
            "overdueTotal": ConsoleFormat.money(overdue.reduce(.zero) { $0 + $1.0.outstanding }),
            "payments": payments.map { p -> [String: Any] in
                ["statement": p.statement, "line": p.line, "paidOn": ConsoleFormat.date(p.paidOn), "amount": ConsoleFormat.money(p.amount),
                 "unallocated": ConsoleFormat.money(p.unallocated)]
            },
            "statementHref": Self.href(employer) + "/statement.csv?" + ConsoleURL.query([("from", "\(month.year)-01"), ("through", month.description)]),
            "mayImport": principal.role.permissions.contains(.employerDeclare),
        ]
        return ConsoleRenderer.render(ConsolePage(template: "employer", title: employer.name, data: data), visit)
    }
}
