extension ExplanationStep {
    public enum Language: Sendable { case zh, en }

    /// The step as a sentence a clerk can read out ("why did I pay 1,234.56?").
    public func text(_ language: Language) -> String {
        let a = amount.grouped
        let b = base?.grouped ?? "0.00"
        let l = limit?.grouped ?? "—"
        let r = ratio?.percentText ?? "—"
        let n = count ?? 0
        let fz = fund?.nameZh ?? ""
        let fe = fund?.nameEn ?? ""
        let zh: String
        let en: String
        switch kind {
        case .notCovered:
            zh = "不予基金支付：\(reason?.nameZh ?? "")，全部 \(a) 元由个人现金支付"
            en = "no fund pays: \(reason?.nameEn ?? ""); all \(a) is paid in cash"
        case .accountOnly:
            zh = "不予基金支付：\(reason?.nameZh ?? "")，仅可使用个人账户，其余由个人现金支付"
            en = "no fund pays: \(reason?.nameEn ?? ""); only the personal account may be used, the rest is cash"
        case .excluded:
            zh = "属于政策规定的不予支付情形（\(exclusion?.nameZh ?? "")），全部 \(a) 元由个人支付"
            en = "excluded by the policy (\(exclusion?.rawValue ?? "")); all \(a) is paid by the person"
        case .newBenefitYear:
            zh = "进入新的医保年度（自 \(date?.description ?? "") 起），年度累计清零"
            en = "a new benefit year begins on \(date?.description ?? ""); the year's accumulators start from zero"
        case .fullySelfPaid:
            zh = "\(n) 项丙类、目录外或机构未申报项目全自费 \(a) 元"
            en = "\(n) line(s) of class 丙, out of catalogue or undeclared: \(a) fully self-paid"
        case .overLimit:
            zh = "\(n) 项超出最高限价（或床位费标准）的部分自付 \(a) 元"
            en = "\(n) line(s) above the price ceiling (or bed-fee cap): \(a) self-paid"
        case .classBSelfPay:
            zh = "\(n) 项乙类项目 \(b) 元按 \(r) 先行自付 \(a) 元"
            en = "\(n) class-乙 line(s) of \(b): upfront self-pay \(r) = \(a)"
        case .inScope:
            zh = "符合医保范围费用 \(a) 元（总费用 \(b) 元）"
            en = "in-scope cost \(a) (of a total \(b))"
        case .deductible:
            if let prior = count {
                zh = "起付线 \(l) 元（本年度此前已住院 \(prior) 次），由个人负担 \(a) 元"
                en = "deductible \(l) (\(prior) earlier admission(s) this year): the person bears \(a)"
            } else {
                zh = "起付线尚余 \(l) 元，由个人负担 \(a) 元"
                en = "deductible still due \(l): the person bears \(a)"
            }
        case .coinsurance:
            let boundZh = limit == nil ? "不设上限" : "累计至 \(l) 元"
            let boundEn = limit == nil ? "open-ended" : "cumulative up to \(l)"
            zh = "第 \((part ?? 0) + 1) 段（\(boundZh)）费用 \(b) 元，统筹基金按 \(r) 支付 \(a) 元"
            en = "segment \((part ?? 0) + 1) (\(boundEn)): \(b) shared, the pooled fund pays \(r) = \(a)"
        case .beyondSegments:
            zh = "累计费用超过统筹封顶线 \(l) 元，\(b) 元为封顶线以上费用"
            en = "cumulative cost passed the pooled ceiling \(l): \(b) is cost above the cap"
        case .noCoinsuranceRule:
            zh = "本就医类别没有统筹基金支付规定，\(b) 元由个人负担"
            en = "no co-insurance rule for this setting: \(b) is borne by the person"
        case .poolCapReached:
            zh = "统筹基金达到年度最高支付限额 \(l) 元，其余 \(b) 元为封顶线以上费用"
            en = "the pooled fund reached its annual cap \(l); the remaining \(b) is cost above the cap"
        case .layer:
            zh = "封顶线以上费用 \(b) 元，\(fz)按 \(r) 支付 \(a) 元（限额 \(l) 元）"
            en = "cost above the cap \(b): \(fe) pays \(r) = \(a) (cap \(l))"
        case .layerCapReached:
            zh = "\(fz)达到年度限额 \(l) 元，其余 \(b) 元转入下一层"
            en = "\(fe) reached its cap \(l); the remaining \(b) passes on"
        case .subsidy:
            zh = "\(fz)：年度累计 \(b) 元，本次补助 \(a) 元"
            en = "\(fe): cumulative base \(b), paid \(a) this time"
        case .specialCopay:
            zh = "特殊人员待遇：个人负担部分 \(b) 元按 \(r) 由\(fz)支付 \(a) 元"
            en = "special group: \(r) of the co-payment \(b) = \(a) paid by \(fe)"
        case .specialRescue:
            zh = "特殊人员待遇：抢救用目录外药品 \(b) 元按 \(r) 支付 \(a) 元"
            en = "special group: out-of-catalogue rescue drugs \(b) paid at \(r) = \(a)"
        case .accountFirstLevel:
            zh = "一级个人账户支付 \(a) 元（可支付部分 \(b) 元）"
            en = "first-level personal account pays \(a) (of \(b) it may pay)"
        case .accountSecondLevel:
            zh = "二级个人账户支付 \(a) 元（可支付部分 \(b) 元）"
            en = "second-level personal account pays \(a) (of \(b) it may pay)"
        case .cash:
            zh = "个人现金支付 \(a) 元"
            en = "the person pays \(a) in cash"
        }
        let rule = rulePath.map { " [\($0)]" } ?? ""
        return (language == .zh ? zh : en) + rule
    }
}
