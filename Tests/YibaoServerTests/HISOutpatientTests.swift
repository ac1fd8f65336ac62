import Foundation
import SQLKit
import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// A full outpatient flow through the envelope API with a system-client token: 1101 → 2201 → 2204 →
/// 2206 → 2207 (and its retry) → 2208 (and a second cancel), checked against hand-computed figures.
@Suite struct HISOutpatientTests {
    /// 张伟, Xiamen employee (310), account 3,000.00, at the grade-3A demo hospital on 2026-11-20.
    /// Lines: 诊查费 10.00 × 1 = 10.00 (甲, ceiling 10.00: all in scope);
    ///        二甲双胍 18.00 × 2 = 36.00 (甲, ceiling 15.00 × 2 = 30.00: 6.00 over the ceiling, 30.00 in scope);
    ///        维生素D 25.00 × 1 = 25.00 (丙: fully self-paid).
    /// Total 71.00 = 25.00 self-paid + 6.00 over-limit + 40.00 in scope. Xiamen's pool pays nothing for
    /// outpatient care; the first-level account pays the in-scope and over-limit parts (40.00 + 6.00 =
    /// 46.00) but not 丙 items, so cash 25.00 and the balance 3,000.00 − 46.00 = 2,954.00.
    @Test(arguments: TestBackend.all)
    func outpatientFlowWithRetryAndCancel(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let his = try await HISClient.make(client)
            let psn = try await his.psnNo("张伟")
            let query = try await his.call("1101", #"{"data":{"psn_no":"\#(psn)"}}"#)
            #expect(query.array("output", "insuinfo").first?["balc"] as? String == "3000.00")
            #expect(query.array("output", "insuinfo").first?["insutype"] as? String == "310")

            let mdtrt = try await his.register(psn)
            let lines = HISClient.outpatientLines(mdtrt, psn)
            let upload = try await his.call("2204", #"{"feedetail":[\#(lines.joined(separator: ","))]}"#)
            #expect(upload.infcode == 0, "\(upload.text)")
            let result = upload.array("output", "result")
            #expect(result.map { $0["chrgitm_lv"] as? String } == ["01", "01", "03"])
            #expect(result[1]["overlmt_amt"] as? String == "6.00")
            #expect(result[1]["inscp_scp_amt"] as? String == "30.00")
            #expect(result[2]["fulamt_ownpay_amt"] as? String == "25.00")

            let settleInput = #"{"data":{"psn_no":"\#(psn)","mdtrt_id":"\#(mdtrt)","medfee_sumamt":71.00,"insutype":"310"}}"#
            let pre = try await his.call("2206", settleInput)
            #expect(pre.infcode == 0, "\(pre.text)")
            #expect(pre.setl("acct_pay") == "46.00")
            #expect(try await his.balance(psn) == 300_000, "pre-settlement writes nothing")

            let settled = try await his.call("2207", settleInput, msgid: "OUT-1")
            #expect(settled.infcode == 0, "\(settled.text)")
            #expect(settled.setl("medfee_sumamt") == "71.00")
            #expect(settled.setl("fulamt_ownpay_amt") == "25.00")
            #expect(settled.setl("overlmt_selfpay") == "6.00")
            #expect(settled.setl("inscp_scp_amt") == "40.00")
            #expect(settled.setl("fund_pay_sumamt") == "0.00")
            #expect(settled.setl("acct_pay") == "46.00")
            #expect(settled.setl("psn_cash_pay") == "25.00")
            #expect(settled.setl("balc") == "2954.00")
            #expect(!settled.array("output", "explanation").isEmpty)
            // Pre-settlement computed the same figures.
            for field in ["medfee_sumamt", "fund_pay_sumamt", "acct_pay", "psn_cash_pay", "balc"] {
                #expect(pre.setl(field) == settled.setl(field))
            }
            #expect(try await his.balance(psn) == 295_400)
            let setlID = try #require(settled.setl("setl_id"))

            // A retry with the same msgid gets the very same answer and pays nothing twice.
            let retry = try await his.call("2207", settleInput, msgid: "OUT-1", date: "2026-11-20 09:31:00")
            #expect(retry.text == settled.text)
            #expect(try await his.balance(psn) == 295_400)
            #expect(try await his.count("SELECT COUNT(*) AS n FROM settlements") == 1)
            // A new msgid for the same encounter is refused: it is already settled.
            let again = try await his.call("2207", settleInput, msgid: "OUT-2")
            #expect(again.infcode == -3)
            #expect(again.errCode == "MDTRT_SETTLED")

            // The institution reads its settlement with the explanation.
            let view = try await client.send(.get, "/api/settlements/\(setlID)", auth: his.token)
            #expect(view.status == .ok)
            #expect((view.json["explanation_text"] as? [String])?.isEmpty == false)
            // Another institution's user cannot.
            let admin = try await client.signIn("admin")
            _ = try await client.send(.post, "/api/users", body: #"{"username":"his2","role":"system_client","admdvs":"350200","fixmedins_code":"H35020000002"}"#, auth: admin)
            let other = try await HISClient.make(client, user: "his2")
            #expect(try await client.send(.get, "/api/settlements/\(setlID)", auth: other.token).status == .forbidden)
            let foreignCancel = try await other.call("2208", #"{"data":{"setl_id":"\#(setlID)","mdtrt_id":"\#(mdtrt)","psn_no":"\#(psn)"}}"#)
            #expect(foreignCancel.infcode == -4)
            #expect(foreignCancel.errCode == "FOREIGN_INSTITUTION")
            // The agency reviewer of the region sees it.
            let reviewer = try await client.signIn("review")
            #expect(try await client.send(.get, "/api/settlements/\(setlID)", auth: reviewer).status == .ok)

            // Cancel restores the balance and the accumulators exactly.
            let cancelInput = #"{"data":{"setl_id":"\#(setlID)","mdtrt_id":"\#(mdtrt)","psn_no":"\#(psn)"}}"#
            let cancel = try await his.call("2208", cancelInput, msgid: "CAN-1")
            #expect(cancel.infcode == 0, "\(cancel.text)")
            #expect(cancel.setl("acct_pay") == "-46.00")
            #expect(cancel.setl("balc") == "3000.00")
            #expect(try await his.balance(psn) == 300_000)
            #expect(try await his.count("SELECT inscp_cumulative_fen AS n FROM accumulators WHERE psn_no = \(psn)") == 0)
            #expect(try await his.count("""
                SELECT hifp_paid_fen + hifmi_paid_fen + hifob_paid_fen + cvlserv_paid_fen + hifes_paid_fen + maf_paid_fen + oth_paid_fen AS n
                FROM accumulators WHERE psn_no = \(psn)
                """) == 0)
            // Its retry answers the same; a second cancel is refused with a clear reason.
            #expect(try await his.call("2208", cancelInput, msgid: "CAN-1").text == cancel.text)
            let second = try await his.call("2208", cancelInput, msgid: "CAN-2")
            #expect(second.infcode == -3)
            #expect(second.errCode == "SETTLEMENT_CANCELLED")
            #expect(second.errMsg.contains("已撤销"))
            #expect(try await his.balance(psn) == 300_000)
            // Every account movement is balanced by its counter-entry.
            #expect(try await his.count("SELECT COUNT(*) AS n FROM (SELECT movement_id FROM account_ledger GROUP BY movement_id HAVING SUM(amount_fen) <> 0) t") == 0)
            #expect(try await his.count("SELECT COUNT(*) AS n FROM (SELECT setl_id FROM fund_ledger GROUP BY setl_id HAVING SUM(amount_fen) <> 0) t") == 0)

            // A late retry of the first settlement's msgid would now settle afresh: it gets the stored
            // answer and its attempt is undone.
            let settlementsBefore = try await his.count("SELECT COUNT(*) AS n FROM settlements")
            let late = try await his.call("2207", settleInput, msgid: "OUT-1", date: "2026-11-20 09:45:00")
            #expect(late.text == settled.text)
            #expect(try await his.count("SELECT COUNT(*) AS n FROM settlements") == settlementsBefore)
            #expect(try await his.balance(psn) == 300_000)

            // After the cancel the bill can be settled again.
            let resettled = try await his.call("2207", settleInput, msgid: "OUT-3")
            #expect(resettled.infcode == 0, "\(resettled.text)")
            #expect(resettled.setl("balc") == "2954.00")
        }
    }
}
