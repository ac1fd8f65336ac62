import Hummingbird
import YibaoCore
import YibaoStore

/// Employers (参保单位): the region's list, an employer's page (roster of a month with the locked
/// bases, the month's bills, open bills past due, payments received) and the CSV roster import,
/// which runs as a console job (`ConsoleJobs`) and reports every bad line before anything is written.
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
        router.page(.get, "/employers/:admdvs/:id", .employerRead, for: .agency) { visit, context in
            try await page(try await employer(context, visit.user, .employerRead), visit)
        }
        router.page(.post, "/employers/:admdvs/:id/roster-import", .employerWrite, for: .agency) { visit, context in
            let form = try await FormBody.read(visit.request, context: context)
            try ConsoleCSRF.check(form, visit.request)
            let principal = visit.user
            let employer = try await employer(context, principal, .employerWrite)
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
        let region = try RegionCode.parse(context.parameters.get("admdvs") ?? "")
        try principal.authorize(permission, on: Scope(region: region))
        guard let id = context.parameters.get("id").flatMap({ Int64($0) }),
              let employer = try await services.database.read({ db in try await EmployerRepository.find(admdvs: region.value, id: id, in: db) }) else {
            throw DomainError(.notFound, code: "EMPLOYER_NOT_FOUND", message: "参保单位不存在", messageEn: "no such employer", path: "id")
        }
        return employer
    }

    private func page(_ employer: EmployerRecord, _ visit: ConsoleVisit) async throws -> Response {
        let principal = visit.user
        let l = visit.language
        let today = ConsoleFormat.day(ofMillis: Clock.nowMillis())
        let monthText = visit.query["month"].flatMap { $0.isEmpty ? nil : $0 } ?? String(today.description.prefix(7))
        let month: BillingMonth
        do { month = try BillingMonth.parse(monthText) } catch { throw error.at("month") }
        let pageText = visit.query["roster_page"].flatMap { $0.isEmpty ? nil : $0 } ?? "1"
        guard let rosterPage = Int(pageText), rosterPage >= 1 else {
            throw DomainError(code: "PAGE_INVALID", message: "页码应为正整数：“\(pageText)”", messageEn: "a page number is a positive integer: \"\(pageText)\"",
                              path: "roster_page")
        }
        let (members, roster, bases, bills, overdue, payments) = try await services.database.read { db in
            let members = try await EmployerRepository.roster(admdvs: employer.admdvs, month: month.description, employerID: employer.id, in: db)
            // One page of the roster is looked up and shown: a large employer has thousands of employees.
            let shown = Array(members.dropFirst((rosterPage - 1) * Self.rosterPageSize).prefix(Self.rosterPageSize))
            let bills = try await EmployerAccountQuery.bills(employer, month: month.description, in: db)
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
            "mayImport": principal.role.permissions.contains(.employerWrite),
        ]
        return ConsoleRenderer.render(ConsolePage(template: "employer", title: employer.name, data: data), visit)
    }
}
