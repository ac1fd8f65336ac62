/// The benefit engine: settles one encounter under a policy, exactly to the fen, in the order of the
/// domain guide §4 (classification → deductible → co-insurance by segment → pooled cap → layers above
/// the cap → subsidies → special groups → personal account → cash).
///
/// Pure and deterministic: the same inputs give the same `Settlement`. It builds no strings and no
/// dictionaries; the explanation is a list of structured steps rendered on demand.
public enum SettlementEngine {
    /// Settles `encounter` for `person` under `policy`, given what the person used earlier in the
    /// benefit year (`accumulators`) and the average wage W of that benefit year.
    ///
    /// Throws only for malformed input (a negative amount, a quantity below one).
    public static func settle(_ encounter: Encounter, person: PersonProfile, policy: BenefitPolicy,
                              accumulators: Accumulators, averageWage: Money,
                              eligibility: Eligibility = .covered) throws(DomainError) -> Settlement {
        let w = averageWage
        let setting = encounter.setting
        var steps: [ExplanationStep] = []
        steps.reserveCapacity(12)

        let yearStart = policy.benefitYear.start(containing: encounter.date)
        var acc = accumulators
        if acc.yearStart != yearStart {
            if acc.yearStart != nil { steps.append(ExplanationStep(.newBenefitYear, amount: .zero, date: yearStart)) }
            acc = Accumulators(yearStart: yearStart)
        }

        // 1. Line classification.
        let special = policy.specialGroups.firstIndex { !$0.statuses.isDisjoint(with: person.statuses) }
        let specialRule = special.map { policy.specialGroups[$0] }
        let classB = firstMatch(policy.classBSelfPay, setting: setting, grade: encounter.grade,
                                category: person.category, statuses: person.statuses)
        var share = PersonShare()
        var total = Money.zero, inScope = Money.zero, rescueBase = Money.zero, classBBase = Money.zero
        var fullCount = 0, overCount = 0, classBCount = 0
        var lines: [LineResult] = []
        lines.reserveCapacity(encounter.lines.count)
        for (i, line) in encounter.lines.enumerated() {
            guard !line.amount.isNegative else {
                throw DomainError(code: "FEE_NEGATIVE", message: "费用金额不能为负数：\(line.amount)",
                                  messageEn: "fee amount must not be negative: \(line.amount)", path: "lines[\(i)].amount")
            }
            guard line.quantity > 0 else {
                throw DomainError(code: "FEE_QUANTITY", message: "数量须至少为 1：\(line.quantity)",
                                  messageEn: "quantity must be at least 1: \(line.quantity)", path: "lines[\(i)].quantity")
            }
            var result = LineResult(code: line.code, listClass: line.listClass, amount: line.amount)
            total += line.amount
            if line.listClass == .classC || line.listClass == .outOfCatalogue || !line.declared {
                result.fullySelfPaid = line.amount
                fullCount += 1
                if line.rescue, line.listClass != .classA, line.listClass != .classB { rescueBase += line.amount }
            } else {
                var ceiling = line.ceilingPrice.map { $0 * Int64(line.quantity) }
                if let days = line.bedDays, let perDay = specialRule?.bedFeeCapPerDay {
                    let cap = perDay * Int64(days)
                    ceiling = Money.min(ceiling ?? cap, cap)
                }
                if let ceiling, line.amount > ceiling {
                    result.overLimit = line.amount - ceiling
                    overCount += 1
                }
                let rest = line.amount - result.overLimit
                if line.listClass == .classB, let (_, rule) = classB {
                    result.preSelfPay = rule.ratio.apply(to: rest)
                    classBBase += rest
                    classBCount += 1
                }
                result.inScope = rest - result.preSelfPay
            }
            share.fullySelfPaid += result.fullySelfPaid
            share.overLimit += result.overLimit
            share.preselfpay += result.preSelfPay
            inScope += result.inScope
            lines.append(result)
        }
        if fullCount > 0 { steps.append(ExplanationStep(.fullySelfPaid, amount: share.fullySelfPaid, count: fullCount)) }
        if overCount > 0 { steps.append(ExplanationStep(.overLimit, amount: share.overLimit, count: overCount)) }
        if classBCount > 0, let (index, rule) = classB {
            steps.append(ExplanationStep(.classBSelfPay, amount: share.preselfpay, rule: index, ratio: rule.ratio,
                                         base: classBBase, count: classBCount))
        }
        steps.append(ExplanationStep(.inScope, amount: inScope, base: total))

        var outcome = Outcome(total: total, inScope: inScope, share: share)
        // Until a fund takes part of it, the in-scope cost is borne from the first fen, as below a
        // deductible; `applyFunds` splits what remains into deductible, co-insurance and beyond the layers.
        outcome.share.deductible = inScope
        var covered = true, accountAllowed = true
        switch eligibility {
        case .covered: break
        case .notCovered(let reason):
            steps.append(ExplanationStep(.notCovered, amount: total, reason: reason))
            covered = false
            accountAllowed = false
        case .accountOnly(let reason):
            steps.append(ExplanationStep(.accountOnly, amount: total, reason: reason))
            covered = false
        }
        if covered, let exclusion = encounter.exclusion, policy.exclusions.contains(exclusion) {
            steps.append(ExplanationStep(.excluded, amount: total, reason: .excluded, exclusion: exclusion))
            covered = false
            accountAllowed = false
        }
        if covered {
            applyFunds(&outcome, encounter: encounter, person: person, policy: policy, acc: acc, w: w,
                       rescueBase: rescueBase, special: special, steps: &steps)
        }

        // 8. Personal account, first level then second, then cash.
        var balances = person.account
        var first = Money.zero, second = Money.zero
        if accountAllowed, let use = policy.personalAccount {
            let secondUse = use.use(use.secondLevel, in: setting)
            if let level = use.use(use.firstLevel, in: setting) {
                let may = outcome.share.available(level.pays)
                let order = firstLevelOrder(level.pays, secondLevel: secondUse?.pays ?? [])
                first = outcome.share.take(Money.min(may, balances.firstLevel), from: order)
                balances.firstLevel -= first
                if may > .zero { steps.append(ExplanationStep(.accountFirstLevel, amount: first, base: may)) }
            }
            if let level = secondUse {
                let may = outcome.share.available(level.pays)
                second = outcome.share.take(Money.min(may, balances.secondLevel), from: level.pays)
                balances.secondLevel -= second
                if may > .zero { steps.append(ExplanationStep(.accountSecondLevel, amount: second, base: may)) }
            }
        }
        let cash = total - outcome.funds.total - first - second
        precondition(cash == outcome.share.total, "cash ≠ the person's remaining share")
        steps.append(ExplanationStep(.cash, amount: cash))

        var delta = Accumulators(yearStart: covered ? yearStart : accumulators.yearStart)
        if covered {
            if setting == .inpatient { delta.admissions = 1 }
            if setting == .referral { delta.referralAdmissions = 1 }
            delta.inscopeCumulative = inScope
            delta.deductibleConsumed[setting] = outcome.deductible
            delta.fundPaid = outcome.funds
            delta.selfPayCumulative = outcome.selfPay
            delta.aboveCapCumulative = outcome.aboveCap
            delta.beyondLayersCumulative = outcome.beyondLayers
        }
        let after = covered ? acc.combined(with: delta, +, +) : accumulators

        let settlement = Settlement(
            date: encounter.date, setting: setting, benefitYearStart: yearStart,
            medfeeSumamt: total, fulamtOwnpayAmt: share.fullySelfPaid, overlmtSelfpay: share.overLimit,
            preselfpayAmt: share.preselfpay, inscpScpAmt: inScope, actPayDedc: outcome.deductible,
            funds: outcome.funds, poolPropSelfpay: outcome.poolCopay,
            acctPayFirstLevel: first, acctPaySecondLevel: second, psnCashPay: cash, accountAfter: balances,
            lines: lines, accumulators: after, delta: delta, explanation: steps)
        checkInvariants(settlement, policy: policy, person: person, w: w)
        return settlement
    }

    /// The running figures of one settlement while the funds take their parts.
    struct Outcome {
        var total: Money
        var inScope: Money
        var share: PersonShare
        var funds = FundAmounts()
        var deductible = Money.zero
        var poolCopay = Money.zero
        var aboveCap = Money.zero
        var beyondLayers = Money.zero
        var selfPay = Money.zero

        init(total: Money, inScope: Money, share: PersonShare) {
            self.total = total
            self.inScope = inScope
            self.share = share
        }
    }

    /// Steps 2–7: deductible, co-insurance by segment under the pooled cap, layers above the cap,
    /// subsidies, special groups. On entry the whole in-scope cost sits in `share.deductible`; on exit
    /// the person's in-scope share is split into deductible, co-insurance and beyond-the-layers.
    static func applyFunds(_ o: inout Outcome, encounter: Encounter, person: PersonProfile, policy: BenefitPolicy,
                           acc: Accumulators, w: Money, rescueBase: Money, special: Int?,
                           steps: inout [ExplanationStep]) {
        let setting = encounter.setting
        let grade = encounter.grade

        // 2. Deductible.
        var deductible = Money.zero
        if let (index, rule) = firstMatch(policy.deductibles, setting: setting, grade: grade,
                                          category: person.category, statuses: person.statuses) {
            let prior = acc.priorAdmissions(setting)
            let due = rule.due(priorAdmissions: prior, consumedThisYear: acc.deductibleConsumed[setting], averageWage: w)
            deductible = Money.min(o.inScope, due)
            steps.append(ExplanationStep(.deductible, amount: deductible, rule: index, base: o.inScope, limit: due,
                                         count: rule.per == .admission && setting.isAdmission ? prior : nil))
        }
        o.deductible = deductible

        // 3–4. Co-insurance by segment of cumulative in-scope cost, under the pooled fund's annual cap.
        let eligible = o.inScope - deductible
        let poolCap = policy.annualCaps.hifp?.resolve(w)
        var poolRoom = poolCap.map { Money.max(.zero, $0 - acc.fundPaid.hifp) } ?? Money(fen: .max)
        var pooled = Money.zero, copay = Money.zero, above = Money.zero
        if eligible > .zero {
            if let (index, rule) = firstMatch(policy.coinsurance, setting: setting, grade: grade,
                                              category: person.category, statuses: person.statuses) {
                let bonus = policy.continuityBonus.flatMap {
                    $0.matches(setting: setting, grade: grade, category: person.category, statuses: person.statuses) ? $0 : nil
                }
                var position = acc.inscopeCumulative + deductible
                var remaining = eligible
                for (j, segment) in rule.segments.enumerated() where remaining > .zero {
                    let upper = segment.upTo?.resolve(w)
                    if let upper, position >= upper { continue }
                    let portion = upper.map { Money.min(remaining, $0 - position) } ?? remaining
                    let ratio = bonus?.raise(segment.ratio, years: person.continuousYears) ?? segment.ratio
                    let want = ratio.apply(to: portion)
                    var pay = want, absorbed = portion
                    if want > poolRoom {
                        pay = poolRoom
                        absorbed = Money.min(portion, costProducing(poolRoom, at: ratio))
                    }
                    poolRoom -= pay
                    pooled += pay
                    copay += absorbed - pay
                    above += portion - absorbed
                    steps.append(ExplanationStep(.coinsurance, amount: pay, rule: index, part: j, fund: .hifp,
                                                 ratio: ratio, base: portion, limit: upper))
                    if absorbed < portion {
                        steps.append(ExplanationStep(.poolCapReached, amount: .zero, rule: index, fund: .hifp,
                                                     base: portion - absorbed, limit: poolCap))
                    }
                    position += portion
                    remaining -= portion
                }
                if remaining > .zero { // a bounded last segment is a cap on cost (统账封顶线)
                    above += remaining
                    steps.append(ExplanationStep(.beyondSegments, amount: .zero, rule: index, base: remaining,
                                                 limit: rule.segments.last?.upTo?.resolve(w)))
                }
            } else {
                copay = eligible
                steps.append(ExplanationStep(.noCoinsuranceRule, amount: .zero, base: eligible))
            }
        }
        o.funds.hifp = pooled
        o.poolCopay = copay
        o.aboveCap = above

        // 5. Layers above the cap, in order; what a capped layer cannot take passes on.
        var passing = above, layerCopay = Money.zero
        for (k, layer) in policy.layers.enumerated() where passing > .zero {
            var cap = layer.cap?.resolve(w)
            if let fundCap = policy.annualCaps[layer.fund]?.resolve(w) { cap = Money.min(cap ?? fundCap, fundCap) }
            if let yearsCap = layer.contributionYears?.cap(years: person.seriousIllnessYears, averageWage: w) {
                cap = Money.min(cap ?? yearsCap, yearsCap)
            }
            let room = cap.map { Money.max(.zero, $0 - acc.fundPaid[layer.fund] - o.funds[layer.fund]) } ?? Money(fen: .max)
            let want = layer.share.apply(to: passing)
            var pay = want, absorbed = passing
            if want > room {
                pay = room
                absorbed = Money.min(passing, costProducing(room, at: layer.share))
            }
            o.funds[layer.fund] += pay
            layerCopay += absorbed - pay
            steps.append(ExplanationStep(.layer, amount: pay, rule: k, fund: layer.fund, ratio: layer.share,
                                         base: passing, limit: cap,
                                         count: layer.contributionYears == nil ? nil : person.seriousIllnessYears))
            if absorbed < passing {
                steps.append(ExplanationStep(.layerCapReached, amount: .zero, rule: k, fund: layer.fund,
                                             base: passing - absorbed, limit: cap))
            }
            passing -= absorbed
        }
        o.beyondLayers = passing
        o.selfPay = deductible + copay + layerCopay
        o.share.deductible = deductible
        o.share.coinsurance = copay + layerCopay
        o.share.beyondLayers = passing

        // 6. Subsidies on the cumulative self-pay (or on what is beyond the layers).
        for (k, subsidy) in policy.subsidies.enumerated()
        where subsidy.matches(setting: setting, grade: grade, category: person.category, statuses: person.statuses) {
            let before: Money, after: Money
            switch subsidy.base {
            case .selfPay:
                before = acc.selfPayCumulative
                after = before + o.selfPay
            case .beyondLayers:
                before = acc.beyondLayersCumulative
                after = before + o.beyondLayers
            case .selfPayAndBeyond:
                before = acc.selfPayCumulative + acc.beyondLayersCumulative
                after = before + o.selfPay + o.beyondLayers
            }
            var pay = subsidy.owed(on: after, averageWage: w) - subsidy.owed(on: before, averageWage: w)
            pay = Money.min(pay, fundRoom(subsidy.fund, policy: policy, acc: acc, o: o, w: w))
            pay = o.share.take(pay, from: PersonShare.subsidyOrder)
            guard pay > .zero else { continue }
            o.funds[subsidy.fund] += pay
            steps.append(ExplanationStep(.subsidy, amount: pay, rule: k, fund: subsidy.fund, base: after))
        }

        // 7. Special groups.
        if let special {
            let group = policy.specialGroups[special]
            if let coverage = group.copayCoverage {
                let base = o.share.deductible + o.share.coinsurance + o.share.preselfpay
                var pay = Money.min(coverage.apply(to: base), fundRoom(group.fund, policy: policy, acc: acc, o: o, w: w))
                pay = o.share.take(pay, from: PersonShare.copayOrder)
                o.funds[group.fund] += pay
                if base > .zero {
                    steps.append(ExplanationStep(.specialCopay, amount: pay, rule: special, fund: group.fund,
                                                 ratio: coverage, base: base))
                }
            }
            if let ratio = group.rescueOutOfCatalogue, rescueBase > .zero {
                var pay = Money.min(ratio.apply(to: rescueBase), fundRoom(group.fund, policy: policy, acc: acc, o: o, w: w))
                pay = o.share.take(pay, from: [.fullySelfPaid])
                o.funds[group.fund] += pay
                steps.append(ExplanationStep(.specialRescue, amount: pay, rule: special, fund: group.fund,
                                             ratio: ratio, base: rescueBase))
            }
        }
    }

    /// What `fund` may still pay this year under its annual cap.
    static func fundRoom(_ fund: FundKind, policy: BenefitPolicy, acc: Accumulators, o: Outcome, w: Money) -> Money {
        guard let cap = policy.annualCaps[fund]?.resolve(w) else { return Money(fen: .max) }
        return Money.max(.zero, cap - acc.fundPaid[fund] - o.funds[fund])
    }

    /// The smallest cost of which `ratio` is at least `payment` (exact, before rounding): the cost a
    /// fund with only `payment` left can still share before its cap is reached.
    static func costProducing(_ payment: Money, at ratio: Ratio) -> Money {
        guard ratio.ppm > 0 else { return Money(fen: .max) }
        let product = payment.fen.magnitude.multipliedFullWidth(by: UInt64(Ratio.scale))
        let (q, r) = UInt64(ratio.ppm).dividingFullWidth(product)
        return Money(fen: Int64(r > 0 ? q + 1 : q))
    }

    /// The order the first level consumes its parts: first those the second level may not pay, so that
    /// the second level's narrower money (deductible, upfront share) is still of use after it.
    static func firstLevelOrder(_ parts: [AccountUse.Part], secondLevel: [AccountUse.Part]) -> [AccountUse.Part] {
        guard !secondLevel.isEmpty else { return parts }
        return parts.filter { !secondLevel.contains($0) } + parts.filter { secondLevel.contains($0) }
    }

    /// The invariants of the domain guide §4, checked on every settlement.
    static func checkInvariants(_ s: Settlement, policy: BenefitPolicy, person: PersonProfile, w: Money) {
        precondition(s.medfeeSumamt == s.fundPaySumamt + s.acctPay + s.psnCashPay, "total ≠ funds + account + cash")
        precondition(s.medfeeSumamt == s.fulamtOwnpayAmt + s.overlmtSelfpay + s.preselfpayAmt + s.inscpScpAmt,
                     "total ≠ self-paid + over-limit + upfront + in scope")
        precondition(!s.psnCashPay.isNegative && !s.accountAfter.firstLevel.isNegative
                     && !s.accountAfter.secondLevel.isNegative, "negative cash or balance")
        precondition(!FundKind.allCases.contains { s.funds[$0].isNegative }, "negative fund payment")
        for fund in FundKind.allCases {
            if let cap = policy.annualCaps[fund]?.resolve(w) {
                precondition(s.accumulators.fundPaid[fund] <= cap || s.funds[fund].isZero, "annual cap exceeded")
            }
        }
        precondition(!s.accumulators.hasNegative, "negative accumulator")
    }
}
