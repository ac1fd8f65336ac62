import Hummingbird
import YibaoCore
import YibaoStore

/// The policies section: the document in force for a region, scheme and date as readable tables,
/// the region's version history, one version, and a side-by-side diff of two versions.
struct PolicyPages {
    let services: Services

    func register(on router: Router<YibaoRequestContext>) {
        router.page(.get, "/policies", section: .policies) { visit, _ in try await inForce(visit) }
        router.page(.get, "/policies/diff", section: .policies) { visit, _ in
            let a = try await load(try required(visit.query["a"], "a"), visit)
            let b = try await load(try required(visit.query["b"], "b"), visit)
            let changes = PolicyDiff.between(a, b).map { change -> [String: Any] in
                let kind: String = switch change.kind {
                case .added: visit.pick("新增", "added")
                case .removed: visit.pick("删除", "removed")
                case .changed: visit.pick("修改", "changed")
                }
                return ["path": change.path, "kind": change.kind.rawValue, "kindName": kind, "old": change.old ?? "—", "new": change.new ?? "—"]
            }
            return ConsoleRenderer.render(ConsolePage(template: "policy-diff", title: visit.t("policy_diffTitle"),
                                                      data: ["a": a.metadata.id, "b": b.metadata.id, "changes": changes]), visit)
        }
        router.page(.get, "/policies/:id", section: .policies) { visit, context in
            let document = try await load(try context.parameters.require("id"), visit)
            return ConsoleRenderer.render(ConsolePage(template: "policy-version", title: document.metadata.id,
                                                      data: PolicyView(document: document, language: visit.language).values), visit)
        }
    }

    private func inForce(_ visit: ConsoleVisit) async throws -> Response {
        let principal = visit.user
        let query = visit.query
        let region = try query["admdvs"].flatMap { $0.isEmpty ? nil : $0 }.map { try RegionCode.parse($0) } ?? principal.region
        try principal.authorize(.policyRead, on: Scope(region: region))
        var date = ConsoleFormat.day(ofMillis: Clock.nowMillis())
        if let text = query["on"], !text.isEmpty {
            do { date = try LocalDate.parse(text) } catch { throw error.at("on") }
        }
        let versions = try await services.policies.versions(region: region.value, insutype: nil)
        let schemes = Array(Set(versions.map(\.insutype))).sorted()
        let insutype = try query["insutype"].flatMap { $0.isEmpty ? nil : $0 }.map { try Insutype.parse($0).rawValue }
            ?? schemes.first ?? Insutype.employeeBasic.rawValue

        let readable = try await services.regions.all().filter { record in
            (try? principal.authorize(.policyRead, on: Scope(region: RegionCode.parse(record.admdvs)))) != nil
        }
        var data: [String: Any] = [
            "on": ConsoleFormat.date(date),
            "regions": readable.map { ["value": $0.admdvs, "label": "\($0.admdvs) \(visit.pick($0.name, $0.nameEn.isEmpty ? $0.name : $0.nameEn))",
                                       "selected": $0.admdvs == region.value] },
            "insutypes": Insutype.allCases.map { ["value": $0.rawValue, "label": "\($0.rawValue) \(visit.pick($0.name, $0.nameEn))",
                                                  "selected": $0.rawValue == insutype] },
        ]
        let shown = versions.filter { $0.insutype == insutype }
        let newest = shown.last?.docID
        let older = shown.dropLast().last?.docID
        data["versions"] = shown.map { v -> [String: Any] in
            ["id": v.docID, "insutype": v.insutype, "effectiveFrom": v.effectiveFrom, "title": v.title, "createdBy": v.createdBy,
             "createdAt": ConsoleFormat.instant(v.createdAt), "isA": v.docID == (older ?? newest), "isB": v.docID == newest]
        }
        if let document = try await services.policies.inForce(region: region.value, insutype: insutype, on: date) {
            var values = PolicyView(document: document, language: visit.language).values
            values["inForceTitle"] = visit.pick("\(ConsoleFormat.date(date)) 生效的政策", "Policy in force on \(ConsoleFormat.date(date))")
            data["document"] = values
        } else {
            data["noneText"] = visit.pick("\(region) 的险种 \(insutype) 在 \(ConsoleFormat.date(date)) 没有生效的政策文件",
                                          "no policy in force for region \(region), scheme \(insutype) on \(ConsoleFormat.date(date))")
        }
        return ConsoleRenderer.render(ConsolePage(template: "policies", title: visit.t("policy_title_page"), data: data), visit)
    }

    /// A stored version, refused unless the principal may read its region's policies.
    private func load(_ id: String, _ visit: ConsoleVisit) async throws -> PolicyDocument {
        guard let document = try await services.policies.document(id: id) else {
            throw DomainError(.notFound, code: "POLICY_NOT_FOUND", message: "政策文件不存在：\(id)", messageEn: "no policy document \(id)")
        }
        try visit.user.authorize(.policyRead, on: Scope(region: document.metadata.region))
        return document
    }

    private func required(_ value: String?, _ name: String) throws(DomainError) -> String {
        guard let value, !value.isEmpty else {
            throw DomainError(code: "PARAM_MISSING", message: "请选择两个要比较的版本", messageEn: "choose the two versions to compare", path: name)
        }
        return value
    }
}
