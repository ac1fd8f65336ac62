import Foundation

extension Simulation {
    /// Per encounter: the national settlement fields (`setlinfo`), the per-line results (`setldetail`)
    /// and W, as pretty JSON with money as decimal strings and keys sorted (stable output).
    public static func renderJSON(_ results: [Result]) -> String {
        struct Item: Encodable {
            let encounter: Int
            let result: Result
            enum CodingKeys: String, CodingKey { case encounter, averageWage = "avg_wage", setlinfo, setldetail }
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(encounter, forKey: .encounter)
                try c.encode(result.averageWage, forKey: .averageWage)
                try c.encode(result.settlement.nationalFields, forKey: .setlinfo)
                try c.encode(result.settlement.lines, forKey: .setldetail)
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let items = results.enumerated().map { Item(encounter: $0.offset + 1, result: $0.element) }
        let data = (try? encoder.encode(items)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// A plain text table: one row per encounter and a total row.
    public static func renderTable(_ results: [Result]) -> String {
        let headers = ["#", "date", "med_type", "medfee_sumamt", "self_paid", "inscp_scp_amt", "act_pay_dedc", "hifp_pay",
                       "hifmi_pay", "hifob_pay", "cvlserv_pay", "maf_pay", "oth_pay", "acct_pay", "psn_cash_pay", "balc"]
        func amounts(_ s: Settlement) -> [Money] {
            [s.medfeeSumamt, s.fulamtOwnpayAmt + s.overlmtSelfpay + s.preselfpayAmt, s.inscpScpAmt, s.actPayDedc,
             s.funds.hifp, s.funds.hifmi, s.funds.hifob + s.funds.hifes, s.funds.cvlserv, s.funds.maf, s.funds.oth,
             s.acctPay, s.psnCashPay]
        }
        var rows: [[String]] = []
        var totals = [Money](repeating: .zero, count: 12)
        for (i, r) in results.enumerated() {
            let values = amounts(r.settlement)
            for j in values.indices { totals[j] += values[j] }
            rows.append(["\(i + 1)", r.settlement.date.description, r.settlement.medType]
                        + values.map(\.description) + [r.settlement.balc.description])
        }
        rows.append(["total", "", ""] + totals.map(\.description) + [results.last?.settlement.balc.description ?? ""])
        let all = [headers] + rows
        let widths = headers.indices.map { j in all.map { $0[j].count }.max() ?? 0 }
        func format(_ row: [String]) -> String {
            row.enumerated().map { j, cell in
                let pad = String(repeating: " ", count: widths[j] - cell.count)
                return j < 3 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        var lines = [format(headers), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        lines += rows.map(format)
        return lines.joined(separator: "\n") + "\n(hifob_pay includes hifes_pay; self_paid = fulamt_ownpay_amt + overlmt_selfpay + preselfpay_amt)\n"
    }

    /// The explanation of every encounter, Chinese with the English below each step.
    public static func renderExplanation(_ results: [Result]) -> String {
        var out: [String] = []
        for (i, r) in results.enumerated() {
            let s = r.settlement
            out.append("== 第 \(i + 1) 次就诊 / encounter \(i + 1): \(s.date) \(s.setting.nameZh) (med_type \(s.medType)), "
                       + "W = \(r.averageWage.grouped), 总费用 / total \(s.medfeeSumamt.grouped) ==")
            for step in s.explanation {
                out.append("  " + step.text(.zh))
                out.append("    " + step.text(.en))
            }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
