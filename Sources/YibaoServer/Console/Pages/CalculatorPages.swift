import Hummingbird
import YibaoCore

/// The what-if calculator: the simulation engine (the one behind `yibao simulate`) as a form over
/// the shipped policy presets. The form is a GET, so the result's address is its shareable link.
struct CalculatorPages {
    func register(on router: Router<YibaoRequestContext>) {
        router.page(.get, "/calculator", section: .calculator) { visit, _ in
            let form = CalculatorForm(visit.query)
            var data = values(form, visit)
            var status = HTTPResponse.Status.ok
            if form.submitted {
                do {
                    data["result"] = try result(form, visit)
                } catch let error as DomainError {
                    data["failure"] = ConsoleRenderer.problem(error, visit)
                    status = .badRequest
                }
            }
            return ConsoleRenderer.render(ConsolePage(template: "calculator", title: visit.t("calc_title"), data: data, status: status), visit)
        }
    }

    private func result(_ form: CalculatorForm, _ visit: ConsoleVisit) throws(DomainError) -> [String: Any] {
        guard let preset = PolicyPresets.preset(id: form.preset) else {
            throw DomainError(code: "CALC_PRESET", message: "未知的预置政策：\(form.preset)", messageEn: "unknown preset \(form.preset)", path: "preset")
        }
        let document: PolicyDocument
        let region: RegionParameters
        do {
            document = try PolicyPresets.document(preset)
            region = try PolicyPresets.regionParameters(preset)
        } catch {
            throw error.domainError
        }
        guard let policy = document.section(BenefitPolicy.self) else {
            throw DomainError(code: "CALC_NO_BENEFITS", message: "该政策没有待遇支付部分", messageEn: "the policy has no benefits section", path: "preset")
        }
        let results = try Simulation.run(try form.scenario(policy: policy), policy: policy, regionParameters: region)
        let l = visit.language
        let settlement = results[results.count - 1].settlement
        let summary = visit.pick(
            "\(ConsoleFormat.date(settlement.date)) \(ConsoleLabels.setting(settlement.setting, l))（就医类别 \(settlement.medType)），社平工资 W = \(results[0].averageWage.grouped) 元",
            "\(ConsoleFormat.date(settlement.date)) \(ConsoleLabels.setting(settlement.setting, l)) (med_type \(settlement.medType)), average wage W = \(results[0].averageWage.grouped)")
        var values = SettlementBreakdown.values(settlement, lines: results.flatMap(\.settlement.lines),
                                                steps: results.flatMap(\.settlement.explanation), visit)
        values["shareHref"] = "/calculator?" + (visit.request.uri.query ?? "")
        values["summary"] = summary
        return values
    }

    /// The form's fields with the visitor's values (or the defaults) selected.
    private func values(_ form: CalculatorForm, _ visit: ConsoleVisit) -> [String: Any] {
        let l = visit.language
        func options<T: Equatable>(_ all: [T], _ chosen: T, _ value: (T) -> String, _ label: (T) -> String) -> [[String: Any]] {
            all.map { ["value": value($0), "label": label($0), "selected": $0 == chosen] }
        }
        return [
            "presets": PolicyPresets.all.map { preset -> [String: Any] in
                let title = (try? PolicyPresets.document(preset)).flatMap { l.pick($0.metadata.title ?? "", $0.metadata.titleEn ?? $0.metadata.title ?? "") } ?? ""
                return ["value": preset.id, "label": "\(preset.id) \(title)", "selected": preset.id == form.preset]
            },
            "wage": form.wage,
            "categories": options(PersonCategory.allCases, form.category, \.rawValue) { ConsoleLabels.category($0, l) },
            "statuses": SpecialStatuses.names.map { ["value": $0.0, "label": ConsoleLabels.status($0.0, l), "selected": form.statuses.contains($0.0)] },
            "years": form.years, "illnessYears": form.illnessYears, "acct1": form.acct1, "acct2": form.acct2,
            "ytdInScope": form.ytdInScope, "ytdAdmissions": form.ytdAdmissions, "date": form.date,
            "settings": options(BenefitSetting.allCases, form.setting, \.rawValue) { ConsoleLabels.setting($0, l) },
            "grades": options(InstitutionGrade.allCases, form.grade, \.rawValue) { ConsoleLabels.grade($0, l) },
            "lines": form.lines.enumerated().map { i, line -> [String: Any] in
                ["n": i + 1, "code": line.code, "name": line.name, "amount": line.amount,
                 "classes": options(ListClass.allCases, line.listClass, \.rawValue) { ConsoleLabels.listClass($0, l) }]
            },
        ]
    }
}
