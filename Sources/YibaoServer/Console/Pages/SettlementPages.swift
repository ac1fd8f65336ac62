import Hummingbird
import YibaoCore
import YibaoStore

/// Settlements: a stored settlement's page (its breakdown in national fields and the engine's
/// explanation) for everyone who may read it — agency staff of its region, the institution that made
/// it, the insured person it paid for — and the institution portal's settlements by day. The
/// institution that made a settlement may cancel it from its page (the HIS interface's cancel path).
struct SettlementPages {
    let services: Services

    func register(on router: Router<YibaoRequestContext>) {
        router.page(.get, "/settlements", section: .settlements) { visit, _ in
            try await days(visit)
        }
        router.page(.get, "/settlements/:setl_id", .settlementRead) { visit, context in
            let stored = try await find(context.parameters.get("setl_id"), visit.user, .settlementRead)
            let notice = visit.query["cancelled"] != nil && stored.cancelled
                ? visit.pick("已撤销，撤销流水号 \(stored.cancelSetlID.map(String.init) ?? "")。", "Cancelled; the reversal is \(stored.cancelSetlID.map(String.init) ?? "").")
                : nil
            return try await page(stored, visit, notice: notice)
        }
        router.page(.post, "/settlements/:setl_id/cancel", .settlementCancel, for: .institution) { visit, context in
            try ConsoleCSRF.check(try await FormBody.read(visit.request, context: context), visit.request)
            let principal = visit.user
            let stored = try await find(context.parameters.get("setl_id"), principal, .settlementCancel)
            _ = try await services.database.write { db in
                try await services.settlement.cancel(setlID: stored.setlID, mdtrtID: nil, psnNo: nil,
                                                     institution: principal.institutionCode ?? "", by: principal.auditActor, in: db)
            }
            return ConsoleRenderer.redirect("/settlements/\(stored.setlID)?cancelled=1")
        }
    }

    /// The settlement, once the principal's scope (region, institution or person) allows `permission` on it.
    private func find(_ text: String?, _ principal: Principal, _ permission: Permission) async throws -> StoredSettlement {
        guard let id = text.flatMap({ Int64($0) }), let stored = try await services.settlement.find(setlID: id) else {
            throw DomainError(.notFound, code: "SETTLEMENT_NOT_FOUND", message: "结算记录不存在：\(text ?? "")",
                              messageEn: "no settlement \(text ?? "")", path: "setl_id")
        }
        try principal.authorize(permission, on: Scope(region: try RegionCode.parse(stored.admdvs), institutionCode: stored.institution,
                                                      personID: stored.psnNo))
        return stored
    }

    private func page(_ stored: StoredSettlement, _ visit: ConsoleVisit, notice: String?) async throws -> Response {
        let principal = visit.user
        let s = stored.settlement
        let (person, institution) = try await services.database.read { db in
            (try await PersonRepository.find(psnNo: stored.psnNo, in: db), try await InstitutionRepository.find(stored.institution, in: db))
        }
        let personHref: String? = switch principal.role.binding {
        case .agency: principal.role.permissions.contains(.personRead) ? "/persons/\(stored.psnNo)" : nil
        case .person: "/me"
        case .institution, .employer: nil
        }
        var data = SettlementBreakdown.values(s, lines: s.lines, steps: s.explanation, visit)
        data.merge([
            "setlID": String(stored.setlID), "mdtrtID": String(stored.mdtrtID), "date": ConsoleFormat.date(s.date),
            "status": stored.cancelled ? visit.t("setl_cancelled") + (stored.cancelSetlID.map { "（\($0)）" } ?? "") : visit.t("setl_settled"),
            "name": person?.name ?? String(stored.psnNo), "certno": person.map { PersonText.identity($0, principal) } ?? "",
            "institution": "\(stored.institution) " + (institution?.name ?? ""),
            "medType": Self.medType(stored.settlement.medType, visit.language), "insutype": PersonText.insutype(stored.insutype, visit.language),
            "canCancel": !stored.cancelled && principal.role.binding == .institution && principal.institutionCode == stored.institution
                && principal.role.permissions.contains(.settlementCancel),
            "backHref": principal.role.binding == .institution ? "/settlements?day=\(s.date)&from=\(s.date)&through=\(s.date)"
                : personHref ?? "/",
        ]) { _, new in new }
        if let personHref { data["personHref"] = personHref }
        if let notice { data["notice"] = notice }
        return ConsoleRenderer.render(ConsolePage(template: "settlement", title: visit.t("setl_title") + " " + String(stored.setlID), data: data), visit)
    }

    /// The institution's totals per day over a period (the last 30 days by default) and one day's list.
    private func days(_ visit: ConsoleVisit) async throws -> Response {
        let principal = visit.user
        guard let code = principal.institutionCode else { throw DomainError(.forbidden, code: "FORBIDDEN_PAGE", message: "当前用户没有绑定定点机构",
                                                                            messageEn: "this user is not bound to a designated institution") }
        try principal.authorize(.settlementRead, on: Scope(region: principal.region, institutionCode: code))
        let today = ConsoleFormat.day(ofMillis: Clock.nowMillis())
        let through = try ConsoleForm.date(visit.query["through"], "through") ?? today
        let from = try ConsoleForm.date(visit.query["from"], "from") ?? through.adding(days: -29)
        guard from <= through, from.days(until: through) <= 366 else {
            throw DomainError(code: "PERIOD_INVALID", message: "起始日期须不晚于截止日期，且期间不超过一年",
                              messageEn: "the period must start before it ends and last at most a year", path: "from")
        }
        let day = try ConsoleForm.date(visit.query["day"], "day")
        let (totals, list) = try await services.database.read { db in
            let totals = try await SettlementListing.dailyTotals(.institution(code), from: from, through: through, in: db)
            guard let day else { return (totals, [SettlementListing.Row]?.none) }
            return (totals, try await SettlementListing.forInstitution(code, on: day, in: db))
        }
        func money(_ pick: (SettlementListing.DayTotal) -> Money) -> String { ConsoleFormat.money(totals.reduce(Money.zero) { $0 + pick($1) }) }
        var data: [String: Any] = [
            "from": from.description, "through": through.description,
            "caption": visit.pick("\(code) 按日汇总（\(from) 至 \(through)，不含已撤销的结算）",
                                  "\(code) per day (\(from) to \(through); cancelled settlements left out of the amounts)"),
            "days": totals.map { t -> [String: Any] in
                ["day": ConsoleFormat.date(t.day), "href": "/settlements?" + ConsoleURL.query([("from", from.description), ("through", through.description), ("day", t.day.description)]),
                 "current": t.day == day, "settled": t.settled, "cancelled": t.cancelled, "medfee": ConsoleFormat.money(t.medfee),
                 "fund": ConsoleFormat.money(t.fund), "account": ConsoleFormat.money(t.account), "cash": ConsoleFormat.money(t.cash)]
            },
        ]
        if !totals.isEmpty {
            data["totals"] = ["settled": totals.reduce(0) { $0 + $1.settled }, "cancelled": totals.reduce(0) { $0 + $1.cancelled },
                              "medfee": money(\.medfee), "fund": money(\.fund), "account": money(\.account), "cash": money(\.cash)] as [String: Any]
        }
        if let day, let list {
            data["day"] = ["dayTitle": visit.pick("\(day) 的结算", "Settlements on \(day)"), "rows": Self.rows(list, visit)] as [String: Any]
        }
        return ConsoleRenderer.render(ConsolePage(template: "institution-settlements", title: visit.t("setl_listTitle"), data: data), visit)
    }

    static func rows(_ rows: [SettlementListing.Row], _ visit: ConsoleVisit) -> [[String: Any]] {
        rows.map { r in
            ["setlID": String(r.setlID), "date": ConsoleFormat.date(r.date), "name": r.name, "institution": r.institution,
             "medType": medType(r.medType, visit.language), "medfee": ConsoleFormat.money(r.medfee), "fund": ConsoleFormat.money(r.fund),
             "account": ConsoleFormat.money(r.account), "cash": ConsoleFormat.money(r.cash),
             "status": visit.t(r.cancelled ? "setl_cancelled" : "setl_settled")]
        }
    }

    /// `med_type` with the setting it means (`21 住院`).
    static func medType(_ code: String, _ l: ConsoleLanguage) -> String {
        BenefitSetting.of(medType: code, referral: false).map { "\(code) " + ConsoleLabels.setting($0, l) } ?? code
    }
}
