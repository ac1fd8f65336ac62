extension BenefitPolicy {
    /// Semantic checks decoding cannot see; each issue names its path under `path`.
    public func validate(at path: String) -> [PolicyIssue] {
        var issues: [PolicyIssue] = []
        func issue(_ p: String, _ zh: String, _ en: String) {
            issues.append(PolicyIssue(path: path + "." + p, message: zh, messageEn: en))
        }
        func share(_ ratio: Ratio, _ p: String) {
            if ratio > .one { issue(p, "比例 \(ratio.percentText) 超过 100%", "ratio \(ratio.percentText) is above 100%") }
        }
        func amount(_ value: PolicyAmount?, _ p: String) {
            guard let value else { return }
            if value.isNegative { issue(p, "金额不能为负数：\(value)", "amount \(value) must not be negative") }
            if case .ofAverageWage(let r) = value, r > Ratio(percent: 1000) {
                issue(p, "社平工资倍数过大：\(r.percentText)", "fraction of the average wage \(r.percentText) is implausibly large")
            }
        }

        if !(1...12).contains(benefitYear.startMonth) {
            issue("benefit_year.start_month", "起始月份须在 1–12 之间：\(benefitYear.startMonth)",
                  "start month must be 1–12, got \(benefitYear.startMonth)")
        }
        for (i, rule) in classBSelfPay.enumerated() { share(rule.ratio, "class_b_self_pay[\(i)].ratio") }
        for (i, rule) in deductibles.enumerated() {
            let p = "deductibles[\(i)]"
            amount(rule.amount, p + ".amount")
            amount(rule.repeatReduction, p + ".repeat_reduction")
            amount(rule.floor, p + ".floor")
            if rule.per == .year, rule.repeatReduction != nil {
                issue(p + ".repeat_reduction", "按年度计的起付线不能逐次降低", "a per-year deductible cannot have a repeat reduction")
            }
            if case .fixed(let floor) = rule.floor, case .fixed(let nominal) = rule.amount, floor > nominal {
                issue(p + ".floor", "最低起付线 \(floor) 高于起付线 \(nominal)", "floor \(floor) is above the amount \(nominal)")
            }
            if rule.settings?.contains(.referral) == true, rule.repeatReduction != nil {
                issue(p + ".repeat_reduction", "转外住院起付线不予降低", "the referral deductible is never reduced")
            }
        }
        for (i, rule) in coinsurance.enumerated() {
            let p = "coinsurance[\(i)].segments"
            if rule.segments.isEmpty { issue(p, "至少需要一个分段", "at least one segment is needed") }
            var previous: Money? = nil
            for (j, segment) in rule.segments.enumerated() {
                share(segment.ratio, p + "[\(j)].ratio")
                amount(segment.upTo, p + "[\(j)].up_to")
                if segment.upTo == nil, j != rule.segments.count - 1 {
                    issue(p + "[\(j)].up_to", "只有最后一段可以不设上限", "only the last segment may be open-ended")
                }
                if case .fixed(let bound)? = segment.upTo {
                    if let previous, bound <= previous {
                        issue(p + "[\(j)].up_to", "分段上限须递增：\(bound) 不大于 \(previous)",
                              "segment bounds must ascend: \(bound) is not above \(previous)")
                    }
                    previous = bound
                }
            }
        }
        if let bonus = continuityBonus {
            share(bonus.perYear, "continuity_bonus.per_year")
            share(bonus.maxRatio, "continuity_bonus.max_ratio")
        }
        for fund in FundKind.allCases { amount(annualCaps[fund], "annual_caps.\(fund.rawValue)") }
        var ids = Set<String>()
        for (i, layer) in layers.enumerated() {
            let p = "layers[\(i)]"
            if !ids.insert(layer.id).inserted { issue(p + ".id", "编号重复：\(layer.id)", "duplicate id \(layer.id)") }
            if layer.fund == .hifp { issue(p + ".fund", "封顶线以上的保险不能由统筹基金支付", "a layer above the cap cannot be the pooled fund") }
            share(layer.share, p + ".share")
            amount(layer.cap, p + ".cap")
            if let years = layer.contributionYears {
                if years.fullYears < 1 { issue(p + ".contribution_years.full_years", "年限须至少为 1", "full years must be at least 1") }
                amount(years.capBelowFull, p + ".contribution_years.cap_below_full")
                amount(years.reductionPerMissingYear, p + ".contribution_years.reduction_per_missing_year")
            }
        }
        for (i, subsidy) in subsidies.enumerated() {
            let p = "subsidies[\(i)]"
            if !ids.insert(subsidy.id).inserted { issue(p + ".id", "编号重复：\(subsidy.id)", "duplicate id \(subsidy.id)") }
            if subsidy.tiers.isEmpty { issue(p + ".tiers", "至少需要一档", "at least one tier is needed") }
            amount(subsidy.cap, p + ".cap")
            for (j, tier) in subsidy.tiers.enumerated() {
                share(tier.ratio, p + ".tiers[\(j)].ratio")
                amount(tier.from, p + ".tiers[\(j)].from")
                amount(tier.to, p + ".tiers[\(j)].to")
                if let to = tier.to, sameKindAtMost(to, tier.from) {
                    issue(p + ".tiers[\(j)].to", "档次上限须高于下限", "a tier's upper bound must be above its lower bound")
                }
            }
        }
        for (i, group) in specialGroups.enumerated() {
            let p = "special_groups[\(i)]"
            if group.statuses.isEmpty { issue(p + ".statuses", "须指定特殊身份", "at least one status is needed") }
            if let r = group.copayCoverage { share(r, p + ".copay_coverage") }
            if let r = group.rescueOutOfCatalogue { share(r, p + ".rescue_out_of_catalogue") }
            if let cap = group.bedFeeCapPerDay, cap.isNegative {
                issue(p + ".bed_fee_cap_per_day", "床位费限额不能为负数", "the bed-fee cap must not be negative")
            }
            if group.fund == .hifp { issue(p + ".fund", "特殊人员待遇不能记入统筹基金", "a special-group overlay cannot be the pooled fund") }
        }
        if let account = personalAccount {
            for (name, level) in [("first_level", account.firstLevel), ("second_level", account.secondLevel)] {
                for (i, use) in (level ?? []).enumerated() where use.pays.isEmpty || use.settings.isEmpty {
                    issue("personal_account.\(name)[\(i)]", "须列出适用的就医类别和账户可支付的部分",
                          "list the settings and the parts the account may pay")
                }
            }
        }
        return issues
    }

    /// `a ≤ b` when both amounts are of the same kind (fixed, or fractions of W); mixed kinds cannot be
    /// compared without W and are left to the engine.
    private func sameKindAtMost(_ a: PolicyAmount, _ b: PolicyAmount) -> Bool {
        switch (a, b) {
        case (.fixed(let x), .fixed(let y)): return x <= y
        case (.ofAverageWage(let x), .ofAverageWage(let y)): return x <= y
        default: return false
        }
    }
}
