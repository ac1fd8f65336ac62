import YibaoCore

/// The values of the `settlement-breakdown` partial: the national fields of `settlement` with plain
/// labels in both languages, the classified lines and the explanation's steps in the page's language.
/// A calculation over several visits passes every visit's lines and steps with the last settlement.
enum SettlementBreakdown {
    static func values(_ settlement: Settlement, lines: [LineResult], steps: [ExplanationStep], _ visit: ConsoleVisit) -> [String: Any] {
        let l = visit.language
        let other = ConsoleLabels.nationalFields(settlement, l.other)
        return [
            "otherLang": l.other.htmlCode,
            "fields": ConsoleLabels.nationalFields(settlement, l).enumerated().map { i, f -> [String: Any] in
                ["field": f.field, "label": f.label, "otherLabel": other[i].label, "amount": ConsoleFormat.money(f.amount)]
            },
            "lineResults": lines.map { line -> [String: Any] in
                ["code": line.code, "listClass": ConsoleLabels.listClass(line.listClass, l), "amount": ConsoleFormat.money(line.amount),
                 "fullySelfPaid": ConsoleFormat.money(line.fullySelfPaid), "overLimit": ConsoleFormat.money(line.overLimit),
                 "preSelfPay": ConsoleFormat.money(line.preSelfPay), "inScope": ConsoleFormat.money(line.inScope)]
            },
            "steps": steps.map { $0.text(l == .zh ? .zh : .en) },
        ]
    }
}
