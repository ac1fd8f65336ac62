import Hummingbird
import YibaoCore
import YibaoStore

/// Insured persons: the agency's search and person page, and the insured person's own page (`/me`),
/// which is the same page of themself. Each part of the page (eligibility, contributions, account,
/// settlements) appears only for a role holding its permission, checked on the person's scope.
struct PersonPages {
    let services: Services

    func register(on router: Router<YibaoRequestContext>) {
        router.page(.get, "/persons", section: .persons) { visit, _ in
            let q = visit.query["q"] ?? ""
            let region = visit.user.region
            try visit.user.authorize(.personRead, on: Scope(region: region))
            var data: [String: Any] = ["q": q]
            if !q.trimmingCharacters(in: .whitespaces).isEmpty {
                let found = try await services.database.read { db in try await PersonSearch.find(q, region: region, in: db) }
                data["searched"] = [
                    "caption": visit.pick("找到 \(found.count) 人" + (found.count == PersonSearch.limit ? "（仅显示前 \(PersonSearch.limit) 人，请缩小范围）" : ""),
                                          "\(found.count) found" + (found.count == PersonSearch.limit ? " (only the first \(PersonSearch.limit); narrow the search)" : "")),
                    "results": found.map { summary($0, visit) },
                ] as [String: Any]
            }
            return ConsoleRenderer.render(ConsolePage(template: "persons", title: visit.t("persons_title"), data: data), visit)
        }
        router.page(.get, "/persons/:psn_no", .personRead, for: .agency) { visit, context in
            let person = try await find(context.parameters.get("psn_no"))
            return try await page(person, visit, formAction: "/persons/\(person.psnNo)", title: person.name)
        }
        router.page(.get, "/me", section: .selfService) { visit, _ in
            let person = try await find(visit.user.personID.map(String.init))
            return try await page(person, visit, formAction: "/me", title: visit.t("me_title"))
        }
    }

    private func find(_ text: String?) async throws -> PersonRecord {
        guard let psnNo = text.flatMap({ Int64($0) }), let person = try await services.persons.find(psnNo: psnNo) else {
            throw DomainError(.notFound, code: "PERSON_NOT_FOUND", message: "参保人不存在", messageEn: "no such person", path: "psn_no")
        }
        return person
    }

    /// A search result row: the identity number masked unless the role may read it in full.
    private func summary(_ p: PersonRecord, _ visit: ConsoleVisit) -> [String: Any] {
        let l = visit.language
        return ["psnNo": String(p.psnNo), "name": p.name, "certno": PersonText.identity(p, visit.user), "sex": PersonText.sex(p.sex, l),
                "birth": ConsoleFormat.date(p.birthDate), "category": ConsoleLabels.category(p.category, l),
                "insutype": PersonText.insutype(p.insutype, l), "region": p.admdvs]
    }

    private func page(_ person: PersonRecord, _ visit: ConsoleVisit, formAction: String, title: String) async throws -> Response {
        let principal = visit.user
        let scope = Scope(region: try RegionCode.parse(person.admdvs), personID: person.psnNo)
        try principal.authorize(.personRead, on: scope)
        /// Whether the role holds `permission` for this person (a part of the page it does not hold is left out).
        func may(_ permission: Permission) throws -> Bool {
            guard principal.role.permissions.contains(permission) else { return false }
            try principal.authorize(permission, on: scope)
            return true
        }
        let l = visit.language
        let today = ConsoleFormat.day(ofMillis: Clock.nowMillis())
        let on = try ConsoleForm.date(visit.query["on"], "on") ?? today
        let from = try ConsoleForm.date(visit.query["from"], "from") ?? LocalDate(year: today.year, month: 1, day: 1)!
        let through = try ConsoleForm.date(visit.query["through"], "through") ?? today
        var data = summary(person, visit)
        data["formAction"] = formAction
        data["statuses"] = ConsoleLabels.statuses(person.statuses, l).joined(separator: "、").nonEmpty ?? visit.t("policy_none")
        data["on"] = on.description
        data["from"] = from.description
        data["through"] = through.description
        if try may(.enrolmentRead) {
            data["coverage"] = try await coverage(person, on: on, visit)
        }
        if try may(.contributionRead) {
            data["contributions"] = try await contributions(person, on: on, visit)
        }
        if try may(.accountRead) {
            data["account"] = try await account(person, from: from, through: through, visit)
        }
        if try may(.settlementRead) {
            let rows = try await services.database.read { db in
                try await SettlementListing.forPerson(admdvs: person.admdvs, psnNo: person.psnNo, in: db)
            }
            data["settlements"] = ["rows": SettlementPages.rows(rows, visit)]
        }
        return ConsoleRenderer.render(ConsolePage(template: "person", title: title, data: data), visit)
    }

    private func coverage(_ person: PersonRecord, on: LocalDate, _ visit: ConsoleVisit) async throws -> [String: Any] {
        let l = visit.language
        let answer = try await services.coverage(of: person, on: on)
        let history = try await services.database.read { db in
            try await EnrolmentRepository.history(admdvs: person.admdvs, psnNo: person.psnNo, in: db)
        }
        var data: [String: Any] = [
            "covered": answer.status == .covered,
            "statusText": answer.status == .covered ? visit.pick("\(on) 正常享受医保待遇", "covered on \(on)")
                                                    : visit.pick("\(on) 不能享受统筹基金待遇", "not covered by the pooled fund on \(on)"),
            "events": history.events.map { PersonText.event($0, l) },
        ]
        if let reason = answer.reason { data["reason"] = l.pick(reason.zh, reason.en) }
        if let scheme = answer.scheme { data["scheme"] = "\(scheme.region) · \(PersonText.insutype(scheme.insutype.rawValue, l))" }
        return data
    }

    private func contributions(_ person: PersonRecord, on: LocalDate, _ visit: ConsoleVisit) async throws -> [String: Any] {
        let debts = try await Debts.of(person, on: on, services: services)
        let bills = try await services.database.read { db in
            try await ContributionBillRepository.bills(admdvs: person.admdvs, psnNo: person.psnNo, openOnly: false, in: db)
        }
        return [
            "arrearsCaption": visit.pick("截至 \(on) 的欠费", "Arrears as of \(on)"),
            "debts": debts.items.map { d -> [String: Any] in
                ["month": d.month, "principal": ConsoleFormat.money(d.principal), "outstanding": ConsoleFormat.money(d.outstanding),
                 "due": d.due_date, "monthsOverdue": d.months_overdue, "lateFee": ConsoleFormat.money(d.late_fee), "escalation": d.escalation ?? ""]
            },
            "outstanding": ConsoleFormat.money(debts.outstanding),
            "lateFees": ConsoleFormat.money(debts.late_fees),
            "bills": bills.reversed().map { BillText.row($0, payer: $0.employerID == 0 ? visit.t("bill_alone") : String($0.employerID), visit) },
        ]
    }

    private func account(_ person: PersonRecord, from: LocalDate, through: LocalDate, _ visit: ConsoleVisit) async throws -> [String: Any] {
        let l = visit.language
        let (balances, statement) = try await services.database.read { db in
            (try await PersonRepository.account(admdvs: person.admdvs, psnNo: person.psnNo, lock: false, in: db),
             try await AccountStatementQuery.statement(admdvs: person.admdvs, psnNo: person.psnNo, from: from, through: through, in: db))
        }
        func total(_ b: AccountBalances) -> String { ConsoleFormat.money(b.firstLevel + b.secondLevel) }
        return [
            "first": ConsoleFormat.money(balances.firstLevel), "second": ConsoleFormat.money(balances.secondLevel), "total": total(balances),
            "caption": visit.pick("对账单 \(from) 至 \(through)", "Statement \(from) to \(through)"),
            "from": from.description, "through": through.description,
            "opening": total(statement.opening), "closing": total(statement.closing),
            "movements": statement.movements.map { m -> [String: Any] in
                ["date": ConsoleFormat.date(m.date), "kind": PersonText.movement(m.kind, l),
                 "level": m.level == .first ? l.pick("一级账户", "first level") : l.pick("二级账户", "second level"),
                 "amount": ConsoleFormat.money(m.amount)]
            },
        ]
    }
}

/// How the console names a person's attributes and records in either language.
enum PersonText {
    static func identity(_ person: PersonRecord, _ principal: Principal) -> String {
        (try? IdentityNumber.parse(person.certno)).map { Authorization.identityText($0, for: principal) } ?? ""
    }

    static func sex(_ sex: Sex, _ l: ConsoleLanguage) -> String {
        sex == .female ? l.pick("女", "female") : l.pick("男", "male")
    }

    static func insutype(_ code: String, _ l: ConsoleLanguage) -> String {
        Insutype(rawValue: code).map { "\(code) " + l.pick($0.name, $0.nameEn) } ?? code
    }

    static func event(_ event: EnrolmentEvent, _ l: ConsoleLanguage) -> [String: Any] {
        let (kind, detail): (String, String) = switch event {
        case .enrolled(_, let scheme, let category):
            (l.pick("参保", "enrolled"), "\(scheme.region) · \(insutype(scheme.insutype.rawValue, l)) · \(ConsoleLabels.category(category, l))")
        case .interrupted: (l.pick("中断", "interrupted"), "")
        case .resumed(_, let paid):
            (l.pick("续保", "resumed"), paid.map { l.pick("中断期欠费于 \($0) 补缴", "gap paid on \($0)") } ?? l.pick("中断期未补缴", "gap not paid"))
        case .transferred(_, let region): (l.pick("转移接续", "transferred"), l.pick("转入 \(region)", "to \(region)"))
        case .terminated(_, let reason): (l.pick("终止", "terminated"), Self.termination(reason, l))
        }
        return ["date": ConsoleFormat.date(event.date), "kind": kind, "detail": detail]
    }

    static func termination(_ reason: TerminationReason, _ l: ConsoleLanguage) -> String {
        switch reason {
        case .death: l.pick("死亡", "death")
        case .emigration: l.pick("出国（境）定居", "emigration")
        case .other: l.pick("其他", "other")
        }
    }

    /// Account ledger kinds (`AccountLedgerWriter` callers) in words.
    static func movement(_ kind: String, _ l: ConsoleLanguage) -> String {
        switch kind {
        case "opening": l.pick("开户余额", "opening balance")
        case "credit": l.pick("按月划入", "monthly credit")
        case "settlement": l.pick("就医结算支付", "paid at a settlement")
        case "cancel": l.pick("撤销结算退回", "returned by a cancelled settlement")
        default: kind
        }
    }
}

/// A contribution bill as a table row (the person's page and the employer's page).
enum BillText {
    static func row(_ bill: ContributionBill, payer: String, _ visit: ConsoleVisit) -> [String: Any] {
        ["month": bill.month, "payer": payer, "employerShare": ConsoleFormat.money(bill.employerShare),
         "individualShare": ConsoleFormat.money(bill.individualShare), "total": ConsoleFormat.money(bill.total),
         "paid": ConsoleFormat.money(bill.paid), "due": ConsoleFormat.date(bill.dueDate),
         "cleared": bill.clearedOn.map(ConsoleFormat.date) ?? visit.t("bill_open")]
    }
}

/// Optional form fields the console reads from a query.
enum ConsoleForm {
    /// A date field: nil when empty, a refusal naming the field when malformed.
    static func date(_ text: String?, _ field: String) throws(DomainError) -> LocalDate? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        do { return try LocalDate.parse(text) } catch { throw error.at(field) }
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
