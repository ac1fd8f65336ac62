import YibaoCore

/// A policy document as the tables of the policy pages: metadata, then the `benefits` section rule by
/// rule (deductibles, a grade × category matrix of pooled-fund ratios per setting, class-B self-pay,
/// annual caps, layers above the cap, subsidies), every value in the page's language.
struct PolicyView {
    let document: PolicyDocument
    let language: ConsoleLanguage

    var values: [String: Any] {
        let meta = document.metadata
        var out: [String: Any] = [
            "id": meta.id, "title": language.pick(meta.title ?? "", meta.titleEn ?? meta.title ?? ""),
            "region": meta.region.value, "insutypeCode": meta.insutype.rawValue,
            "insutype": "\(meta.insutype.rawValue) \(language.pick(meta.insutype.name, meta.insutype.nameEn))",
            "effectiveFrom": ConsoleFormat.date(meta.effectiveFrom),
        ]
        if let benefits = document.section(BenefitPolicy.self) { out["benefits"] = tables(benefits) }
        return out
    }

    private func tables(_ b: BenefitPolicy) -> [String: Any] {
        let l = language
        let month = b.benefitYear.startMonth
        return [
            "benefitYear": month == 1 ? l.pick("自然年（1 月 1 日起）", "calendar year (from 1 January)")
                                      : l.pick("每年 \(month) 月 1 日起", "from 1 \(Self.monthNames[month - 1]) each year"),
            "deductibles": b.deductibles.map { rule -> [String: Any] in
                ["scope": scope(rule), "amount": ConsoleFormat.amount(rule.amount),
                 "per": rule.per == .admission ? l.pick("每次住院", "per admission") : l.pick("每年一次", "once a year"),
                 "reduction": rule.repeatReduction.map(ConsoleFormat.amount) ?? "—", "floor": rule.floor.map(ConsoleFormat.amount) ?? "—"]
            },
            "ratioTables": ratioTables(b.coinsurance),
            "classB": b.classBSelfPay.map { ["scope": scope($0), "ratio": $0.ratio.percentText] },
            "caps": FundKind.allCases.compactMap { fund -> [String: Any]? in
                b.annualCaps[fund].map { ["fund": ConsoleLabels.fund(fund, l), "cap": ConsoleFormat.amount($0)] }
            },
            "layers": b.layers.map { layer -> [String: Any] in
                ["id": layer.id, "fund": ConsoleLabels.fund(layer.fund, l), "share": layer.share.percentText,
                 "cap": layer.cap.map(ConsoleFormat.amount) ?? l.pick("不设限额", "no cap")]
            },
            "subsidies": b.subsidies.map { s -> [String: Any] in
                ["id": s.id, "fund": ConsoleLabels.fund(s.fund, l), "scope": scope(s), "base": base(s.base),
                 "tiers": s.tiers.map { tier in
                     "\(ConsoleFormat.amount(tier.from)) – \(tier.to.map(ConsoleFormat.amount) ?? "∞"): \(tier.ratio.percentText)"
                 }.joined(separator: "; "),
                 "cap": s.cap.map(ConsoleFormat.amount) ?? "—"]
            },
        ]
    }

    /// One matrix per setting that has a rule: rows are institution grades, columns person
    /// categories, each cell the first matching rule's segments (the engine's first-match reading).
    /// Rows or columns collapse to "all" when no rule of the setting distinguishes them.
    private func ratioTables(_ rules: [CoinsuranceRule]) -> [[String: Any]] {
        let l = language
        return BenefitSetting.allCases.compactMap { setting -> [String: Any]? in
            let forSetting = rules.filter { $0.settings == nil || $0.settings!.contains(setting) }.filter { $0.statuses == nil }
            guard !forSetting.isEmpty else { return nil }
            let grades: [InstitutionGrade?] = forSetting.contains { $0.grades != nil }
                ? InstitutionGrade.allCases.filter { $0 != .grade3 } : [nil]
            let categories: [PersonCategory?] = forSetting.contains { $0.categories != nil }
                ? PersonCategory.allCases.filter { c in forSetting.contains { $0.categories?.contains(c) ?? false } } : [nil]
            let rows = grades.map { grade -> [String: Any] in
                ["grade": grade.map { ConsoleLabels.grade($0, l) } ?? l.pick("各等级", "all grades"),
                 "cells": categories.map { category -> String in
                     // A collapsed row or column means no rule tells them apart: any value probes it.
                     let probeGrade = grade ?? .ungraded
                     let probeCategory = category ?? .employee
                     guard let rule = forSetting.first(where: {
                         $0.matches(setting: setting, grade: probeGrade, category: probeCategory, statuses: [])
                     }) else { return "—" }
                     return segments(rule.segments)
                 }]
            }
            return ["setting": setting.rawValue, "settingName": ConsoleLabels.setting(setting, l),
                    "categories": categories.map { $0.map { ConsoleLabels.category($0, l) } ?? l.pick("各类人员", "everyone") },
                    "rows": rows]
        }
    }

    private func segments(_ segments: [CoinsuranceRule.Segment]) -> String {
        if segments.count == 1, segments[0].upTo == nil { return segments[0].ratio.percentText }
        var lower = "0"
        return segments.map { segment in
            defer { lower = segment.upTo.map(ConsoleFormat.amount) ?? lower }
            let range = segment.upTo.map { "\(lower)–\(ConsoleFormat.amount($0))" }
                ?? language.pick("\(lower) 以上", "above \(lower)")
            return "\(range): \(segment.ratio.percentText)"
        }.joined(separator: "; ")
    }

    private func base(_ base: SubsidyLayer.Base) -> String {
        switch base {
        case .selfPay: language.pick("政策范围内个人自付", "in-scope self-pay")
        case .beyondLayers: language.pick("各层支付后的超限费用", "cost beyond the layers")
        case .selfPayAndBeyond: language.pick("个人自付及超限费用", "self-pay and cost beyond the layers")
        }
    }

    /// "住院 · 三级 · 在职职工 · 公务员", or "all" when the rule is not narrowed.
    private func scope(_ rule: some ScopedRule) -> String {
        let l = language
        var parts: [String] = []
        if let s = rule.settings { parts.append(s.map { ConsoleLabels.setting($0, l) }.joined(separator: "、")) }
        if let g = rule.grades { parts.append(g.map { ConsoleLabels.grade($0, l) }.joined(separator: "、")) }
        if let c = rule.categories { parts.append(c.map { ConsoleLabels.category($0, l) }.joined(separator: "、")) }
        if let st = rule.statuses { parts.append(ConsoleLabels.statuses(st, l).joined(separator: "、")) }
        return parts.isEmpty ? l.pick("全部", "all") : parts.joined(separator: " · ")
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]
}
