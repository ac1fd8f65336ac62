import Foundation
import SQLKit
import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// A full inpatient flow: 2401 → 2301 → 2303 → 2304 refused before discharge → 2402 → 2304 (and its
/// retry) → 2305, with the Xiamen employee scheme's deductible and 85% pool.
@Suite struct HISInpatientTests {
    /// 王建国, Xiamen retiree (310), account 5,000.00, admitted 2026-11-01 and discharged 2026-11-10 at
    /// the grade-3A hospital. Benefit year from 2026-07-01, so W = 124,000.00 (xiamen-region 2026).
    /// Lines: bed 40.00 × 9 = 360.00; appendectomy 1,200.00; ceftriaxone 30.00 × 20 = 600.00 (乙, no
    /// upfront share in Xiamen); CT 200.00; syringes 1.00 × 40 = 40.00; blood count 20.00 × 3 = 60.00;
    /// stent 8,500.00 against a ceiling of 8,000.00 (500.00 over the ceiling).
    /// Total 10,960.00; in scope 10,460.00; deductible 5% × 124,000.00 = 6,200.00; pool 85% × 4,260.00
    /// = 3,621.00, co-insurance 639.00. The account may pay the inpatient deductible only: 5,000.00 (all
    /// of it). Cash = 500.00 + (6,200.00 − 5,000.00) + 639.00 = 2,339.00. Check: 3,621 + 5,000 + 2,339 = 10,960.
    @Test(arguments: TestBackend.all)
    func inpatientFlowWithRetryAndCancel(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let his = try await HISClient.make(client)
            let psn = try await his.psnNo("王建国")
            let mdtrt = try await his.register(psn, admission: true, begntime: "2026-11-01 08:00:00")
            let lines = [
                HISClient.line("I1", mdtrt, psn, "120100001", pric: "40.00", cnt: "9", amount: "360.00"),
                HISClient.line("I2", mdtrt, psn, "331003001", pric: "1200.00", cnt: "1", amount: "1200.00"),
                HISClient.line("I3", mdtrt, psn, "XJ01DDA001A001010100007", pric: "30.00", cnt: "20", amount: "600.00"),
                HISClient.line("I4", mdtrt, psn, "210300001", pric: "200.00", cnt: "1", amount: "200.00"),
                HISClient.line("I5", mdtrt, psn, "C0101010010000000001", pric: "1.00", cnt: "40", amount: "40.00"),
                HISClient.line("I6", mdtrt, psn, "250101001", pric: "20.00", cnt: "3", amount: "60.00"),
                HISClient.line("I7", mdtrt, psn, "C0301020010000000002", pric: "8500.00", cnt: "1", amount: "8500.00"),
            ]
            // Outpatient transactions are refused on an admission.
            let wrongKind = try await his.call("2204", #"{"feedetail":[\#(lines[0])]}"#)
            #expect(wrongKind.errCode == "MDTRT_KIND")
            let upload = try await his.call("2301", #"{"feedetail":[\#(lines.joined(separator: ","))]}"#)
            #expect(upload.infcode == 0, "\(upload.text)")
            #expect(upload.array("output", "result").last?["overlmt_amt"] as? String == "500.00")

            let settleInput = #"{"data":{"psn_no":"\#(psn)","mdtrt_id":"\#(mdtrt)","medfee_sumamt":"10960.00"}}"#
            let early = try await his.call("2304", settleInput)
            #expect(early.infcode == -3)
            #expect(early.errCode == "NOT_DISCHARGED")

            let discharge = try await his.call("2402", #"{"dscginfo":{"mdtrt_id":"\#(mdtrt)","psn_no":"\#(psn)","endtime":"2026-11-10 10:00:00"}}"#)
            #expect(discharge.infcode == 0, "\(discharge.text)")

            let pre = try await his.call("2303", settleInput)
            #expect(pre.infcode == 0, "\(pre.text)")
            let settled = try await his.call("2304", settleInput, msgid: "IPT-1")
            #expect(settled.infcode == 0, "\(settled.text)")
            let expected = ["medfee_sumamt": "10960.00", "overlmt_selfpay": "500.00", "inscp_scp_amt": "10460.00",
                            "act_pay_dedc": "6200.00", "hifp_pay": "3621.00", "pool_prop_selfpay": "639.00",
                            "fund_pay_sumamt": "3621.00", "acct_pay": "5000.00", "psn_cash_pay": "2339.00", "balc": "0.00",
                            "med_type": "21"]
            for (field, value) in expected {
                #expect(settled.setl(field) == value, "\(field)")
                #expect(pre.setl(field) == value, "pre-settlement \(field)")
            }
            #expect(try await his.balance(psn) == 0)
            let retry = try await his.call("2304", settleInput, msgid: "IPT-1")
            #expect(retry.text == settled.text)
            #expect(try await his.count("SELECT COUNT(*) AS n FROM fund_ledger") == 1)

            let setlID = try #require(settled.setl("setl_id"))
            let cancelInput = #"{"data":{"setl_id":"\#(setlID)","mdtrt_id":"\#(mdtrt)","psn_no":"\#(psn)"}}"#
            #expect(try await his.call("2208", cancelInput).errCode == "MDTRT_KIND")
            let cancel = try await his.call("2305", cancelInput, msgid: "IPT-CAN")
            #expect(cancel.infcode == 0, "\(cancel.text)")
            #expect(try await his.balance(psn) == 500_000)
            #expect(try await his.count("SELECT CAST(SUM(amount_fen) AS BIGINT) AS n FROM fund_ledger") == 0)
            #expect(try await his.count("SELECT hifp_paid_fen AS n FROM accumulators") == 0)
            let second = try await his.call("2305", cancelInput, msgid: "IPT-CAN-2")
            #expect(second.errCode == "SETTLEMENT_CANCELLED")
        }
    }
}
