import Foundation
import SQLKit
import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// Fifty settlements for one person at once: the account is never overdrawn, every movement balances,
/// and the accumulators hold exactly the sum of what was settled.
@Suite struct HISConcurrencyTests {
    /// 李娜 has 1,200.00. Each visit costs 30.00 (诊查费 10.00 + 副主任医师诊查费 20.00, both 甲, in
    /// scope, paid by the account in Xiamen). 1,200.00 / 30.00 = 40 visits are paid by the account, the
    /// other 10 in cash: account total exactly 1,200.00, balance 0, in-scope cumulative 50 × 30.00 = 1,500.00.
    @Test(arguments: TestBackend.all)
    func burstOnOneAccountNeverOverdraws(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let his = try await HISClient.make(client)
            let psn = try await his.psnNo("李娜")
            var encounters: [String] = []
            for i in 0..<50 {
                let mdtrt = try await his.register(psn)
                let lines = [HISClient.line("A\(i)", mdtrt, psn, "110200001", pric: "10", cnt: "1", amount: "10"),
                             HISClient.line("B\(i)", mdtrt, psn, "110200002", pric: "20", cnt: "1", amount: "20")]
                let upload = try await his.call("2204", #"{"feedetail":[\#(lines.joined(separator: ","))]}"#)
                try #require(upload.infcode == 0, "\(upload.text)")
                encounters.append(mdtrt)
            }
            let replies = try await withThrowingTaskGroup(of: HISReply.self) { group in
                for mdtrt in encounters {
                    group.addTask {
                        try await his.call("2207", #"{"data":{"psn_no":"\#(psn)","mdtrt_id":"\#(mdtrt)","medfee_sumamt":"30.00"}}"#)
                    }
                }
                var all: [HISReply] = []
                for try await reply in group { all.append(reply) }
                return all
            }
            #expect(replies.allSatisfy { $0.infcode == 0 }, "\(replies.first { $0.infcode != 0 }?.text ?? "")")
            let fen = { (text: String?) -> Int64 in (try? Money.parse(text ?? "x").fen) ?? -1 }
            let accountPaid = replies.map { fen($0.setl("acct_pay")) }.reduce(0, +)
            let cashPaid = replies.map { fen($0.setl("psn_cash_pay")) }.reduce(0, +)
            #expect(accountPaid == 120_000)
            #expect(cashPaid == 150_000 - 120_000)
            #expect(replies.allSatisfy { fen($0.setl("balc")) >= 0 })
            #expect(try await his.balance(psn) == 0)
            // The ledger: each movement sums to zero, and the person's entries sum to the balance.
            #expect(try await his.count("SELECT COUNT(*) AS n FROM (SELECT movement_id FROM account_ledger GROUP BY movement_id HAVING SUM(amount_fen) <> 0) t") == 0)
            #expect(try await his.count("SELECT CAST(SUM(amount_fen) AS BIGINT) AS n FROM account_ledger WHERE psn_no = \(psn) AND ledger_account IN ('first_level', 'second_level')") == 0)
            #expect(try await his.count("SELECT inscp_cumulative_fen AS n FROM accumulators WHERE psn_no = \(psn)") == 150_000)
            #expect(try await his.count("SELECT CAST(SUM(inscp_scp_amt_fen) AS BIGINT) AS n FROM settlements WHERE psn_no = \(psn)") == 150_000)
        }
    }
}
