extension ContributionPolicy {
    /// Semantic checks decoding cannot see; each issue names its path under `path`.
    public func validate(at path: String) -> [PolicyIssue] {
        var issues: [PolicyIssue] = []
        func issue(_ p: String, _ zh: String, _ en: String) {
            issues.append(PolicyIssue(path: path + "." + p, message: zh, messageEn: en))
        }
        func share(_ ratio: Ratio?, _ p: String) {
            if let ratio, ratio > .one { issue(p, "比例 \(ratio.percentText) 超过 100%", "ratio \(ratio.percentText) is above 100%") }
        }
        func fractionOfWage(_ ratio: Ratio?, _ p: String) {
            if let ratio, ratio > Ratio(percent: 1000) {
                issue(p, "社平工资倍数过大：\(ratio.percentText)", "fraction of the average wage \(ratio.percentText) is implausibly large")
            }
        }
        func basis(_ basis: ContributionBasis, _ p: String) {
            if case .ofAverageWage(let r) = basis { fractionOfWage(r, p + ".of_avg_wage") }
        }
        func months(_ value: Int?, _ p: String, _ range: ClosedRange<Int>) {
            if let value, !range.contains(value) {
                issue(p, "取值须在 \(range.lowerBound)–\(range.upperBound) 之间：\(value)",
                      "must be within \(range.lowerBound)–\(range.upperBound), got \(value)")
            }
        }
        func notNegative(_ money: Money?, _ p: String) {
            if let money, money.isNegative { issue(p, "金额不能为负数：\(money)", "amount \(money) must not be negative") }
        }

        if let base {
            fractionOfWage(base.floor, "base.floor")
            fractionOfWage(base.cap, "base.cap")
            if let cap = base.cap, cap < base.floor {
                issue("base.cap", "缴费基数上限 \(cap.percentText) 低于下限 \(base.floor.percentText)",
                      "cap \(cap.percentText) is below the floor \(base.floor.percentText)")
            }
            months(base.declarationMonth, "base.declaration_month", 1...12)
        }
        for (name, list) in [("rates", rates), ("levies", levies)] {
            for (i, rate) in list.enumerated() {
                let p = "\(name)[\(i)]"
                share(rate.employer, p + ".employer")
                share(rate.individual, p + ".individual")
                share(rate.employer + rate.individual, p)
                basis(rate.base, p + ".base")
                if rate.base == .declared, self.base == nil, rate.employer + rate.individual != .zero {
                    issue(p + ".base", "按申报基数缴费须先设置 base（下限、申报月份）",
                          "a rate on the declared base needs the base section (floor, declaration month)")
                }
            }
        }
        var levyIds: Set<String> = []
        for (i, levy) in levies.enumerated() {
            guard let id = levy.id, !id.isEmpty else {
                issue("levies[\(i)].id", "附加费须有 id", "a levy needs an id")
                continue
            }
            if !levyIds.insert(id).inserted { issue("levies[\(i)].id", "id“\(id)”重复", "duplicate id \"\(id)\"") }
        }
        if let resident {
            if !(0..<resident.elderlyFromAge).contains(resident.adultFromAge) {
                issue("resident.adult_from_age", "成年年龄须小于老年年龄：\(resident.adultFromAge) ≥ \(resident.elderlyFromAge)",
                      "the adult age must be below the elderly age: \(resident.adultFromAge) ≥ \(resident.elderlyFromAge)")
            }
            if resident.premiums.isEmpty { issue("resident.premiums", "至少需要一行缴费标准", "at least one premium line is needed") }
            for (i, line) in resident.premiums.enumerated() {
                notNegative(line.personal, "resident.premiums[\(i)].personal")
                notNegative(line.subsidy, "resident.premiums[\(i)].subsidy")
            }
            for (i, split) in resident.subsidySplit.enumerated() { share(split.city, "resident.subsidy_split[\(i)].city") }
            if let school = resident.schoolYear {
                for (key, month, day) in [("start", school.startMonth, school.startDay), ("register_by", school.registerByMonth, school.registerByDay)]
                where !(1...12).contains(month) || !(1...31).contains(day) {
                    issue("resident.school_year.\(key)_month", "学年日期无效：\(month) 月 \(day) 日", "invalid school-year date: month \(month), day \(day)")
                }
            }
            for (i, due) in resident.due.enumerated() where !(1...12).contains(due.month) || !(1...31).contains(due.day) {
                issue("resident.due[\(i)]", "缴费截止日无效：\(due.month) 月 \(due.day) 日", "invalid due date: month \(due.month), day \(due.day)")
            }
        }
        for (i, rule) in waiting.enumerated() {
            let p = "waiting[\(i)]"
            months(rule.firstEnrolmentMonths, p + ".first_enrolment_months", 0...36)
            months(rule.afterInterruptionMonths, p + ".after_interruption_months", 0...36)
            months(rule.restartAfterGapMonths, p + ".restart_after_gap_months", 0...120)
        }
        if let lateFees {
            if lateFees.dailyRate > Ratio(percent: 1) {
                issue("late_fees.daily_rate", "日滞纳金率 \(lateFees.dailyRate.percentText) 超过 1%",
                      "daily rate \(lateFees.dailyRate.percentText) is above 1%")
            }
            months(lateFees.dueDay, "late_fees.due_day", 1...31)
        }
        var previous = 0
        var levels: Set<String> = []
        for (i, step) in escalation.enumerated() {
            let p = "escalation[\(i)]"
            if step.afterMonths <= previous {
                issue(p + ".after_months", "月数须大于零且递增：\(step.afterMonths)",
                      "months must be above zero and ascending, got \(step.afterMonths)")
            }
            previous = max(previous, step.afterMonths)
            if step.level.isEmpty || !levels.insert(step.level).inserted {
                issue(p + ".level", "级别须填写且不重复：“\(step.level)”", "level must be given and unique: \"\(step.level)\"")
            }
        }
        if let years = contributionYears {
            months(years.minimumYears.male, "contribution_years.minimum_years.male", 1...50)
            months(years.minimumYears.female, "contribution_years.minimum_years.female", 1...50)
            if let topUp = years.topUp {
                share(topUp.rate, "contribution_years.top_up.rate")
                basis(topUp.base, "contribution_years.top_up.base")
            }
        }
        if let crediting = accountCrediting {
            share(crediting.firstLevelShare, "account_crediting.first_level_share")
            for (i, rule) in crediting.rules.enumerated() {
                let p = "account_crediting.rules[\(i)]"
                let proportional = rule.ratio != nil || rule.of != nil
                if proportional == (rule.amount != nil) || (proportional && (rule.ratio == nil || rule.of == nil)) {
                    issue(p, "须写 of 与 ratio（按比例），或只写 amount（定额）", "give either of and ratio (proportional) or amount (fixed)")
                }
                share(rule.ratio, p + ".ratio")
                notNegative(rule.amount, p + ".amount")
                if let from = rule.fromAge, let below = rule.belowAge, below <= from {
                    issue(p + ".below_age", "年龄上限 \(below) 不大于下限 \(from)", "below_age \(below) is not above from_age \(from)")
                }
            }
        }
        return issues
    }
}
