import Foundation
import SQLKit
import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// Bad envelopes get `infcode` ≠ 0 with a message naming the field, never a 500, and change nothing.
@Suite struct HISEnvelopeErrorTests {
    @Test(arguments: TestBackend.all)
    func badEnvelopesAreRefusedAndChangeNothing(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let his = try await HISClient.make(client)
            let psn = try await his.psnNo("张伟")
            let mdtrt = try await his.register(psn)
            let before = try await his.count("SELECT COUNT(*) AS n FROM his_messages")

            // Not JSON at all, and an envelope without msgid.
            let garbage = try await client.send(.post, "/his", body: "not json", auth: his.token)
            #expect(garbage.status == .ok)
            #expect(garbage.json["infcode"] as? Int == -1)
            let noMsgid = try await client.send(.post, "/his", body: #"{"infno":"1101","fixmedins_code":"H35020000001","opter":"1","inf_time":"2026-11-20","input":{}}"#, auth: his.token)
            #expect(noMsgid.json["err_code"] as? String == "FIELD_MISSING")
            #expect(noMsgid.json["err_path"] as? String == "msgid")

            // No token: 401 with an envelope, though the input (no `data`) is bad too: the caller is checked first.
            let anonymous = try await client.send(.post, "/his", body: #"{"infno":"1101","msgid":"x","fixmedins_code":"H35020000001","opter":"1","inf_time":"2026-11-20","input":{}}"#)
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.json["infcode"] as? Int == -5)

            let unknownInfno = try await his.call("9999", "{}")
            #expect(unknownInfno.infcode == -1)
            #expect(unknownInfno.errCode == "INFNO_UNKNOWN")
            #expect(unknownInfno.errPath == "infno")

            // Another institution's code in the envelope.
            let foreign = try await his.call("1101", #"{"data":{"psn_no":"\#(psn)"}}"#, fixmedins: "H35020000002")
            #expect(foreign.infcode == -4)
            #expect(foreign.errCode == "FIXMEDINS_MISMATCH")

            let missing = try await his.call("2201", #"{"data":{"insutype":"310","begntime":"2026-11-20"}}"#)
            #expect(missing.errCode == "FIELD_MISSING")
            #expect(missing.errPath == "input.data.psn_no")
            #expect(missing.errMsg.contains("psn_no"))

            let unknownPerson = try await his.call("1101", #"{"data":{"psn_no":"123"}}"#)
            #expect(unknownPerson.infcode == -2)
            #expect(unknownPerson.errCode == "PERSON_NOT_FOUND")
            let unknownPersonVisit = try await his.call("2201", #"{"data":{"psn_no":"123","insutype":"310","begntime":"2026-11-20"}}"#)
            #expect(unknownPersonVisit.errPath == "input.data.psn_no")

            // A Benxi resident is not covered by Xiamen's employee scheme.
            let resident = try await his.psnNo("赵丽")
            let notCovered = try await his.call("2201", #"{"data":{"psn_no":"\#(resident)","insutype":"310","begntime":"2026-11-20"}}"#)
            #expect(notCovered.infcode == -3)
            #expect(notCovered.errCode == "PERSON_NOT_COVERED")

            let unknownCode = try await his.call("2204", #"{"feedetail":[\#(HISClient.line("E1", mdtrt, psn, "NOPE001", pric: "1", cnt: "1", amount: "1"))]}"#)
            #expect(unknownCode.infcode == -2)
            #expect(unknownCode.errCode == "CATALOGUE_CODE_UNKNOWN")
            #expect(unknownCode.errPath == "input.feedetail[0].med_list_codg")

            let negative = try await his.call("2204", #"{"feedetail":[\#(HISClient.line("E2", mdtrt, psn, "110200001", pric: "10", cnt: "1", amount: "-10.00"))]}"#)
            #expect(negative.infcode == -1)
            #expect(negative.errPath == "input.feedetail[0].det_item_fee_sumamt")
            for amount in ["10.005", #""10.005""#] {
                let threeDecimals = try await his.call("2204", #"{"feedetail":[\#(HISClient.line("E3", mdtrt, psn, "110200001", pric: "10", cnt: "1", amount: amount))]}"#)
                #expect(threeDecimals.infcode == -1, "\(threeDecimals.text)")
                #expect(threeDecimals.errPath == "input.feedetail[0].det_item_fee_sumamt")
            }
            let huge = try await his.call("2204", #"{"feedetail":[\#(HISClient.line("E5", mdtrt, psn, "110200001", pric: "99999999999999.99", cnt: "99999999", amount: "1"))]}"#)
            #expect(huge.infcode == -1)
            #expect(huge.errPath == "input.feedetail[0].pric")
            let product = try await his.call("2204", #"{"feedetail":[\#(HISClient.line("E4", mdtrt, psn, "110200001", pric: "10", cnt: "2", amount: "10"))]}"#)
            #expect(product.errCode == "VALUE_MISMATCH")

            let wrongTotal = try await his.call("2207", #"{"data":{"psn_no":"\#(psn)","mdtrt_id":"\#(mdtrt)","medfee_sumamt":"5.00"}}"#)
            #expect(wrongTotal.infcode != 0)
            let unknownSettlement = try await his.call("2208", #"{"data":{"setl_id":"42","mdtrt_id":"\#(mdtrt)","psn_no":"\#(psn)"}}"#)
            #expect(unknownSettlement.errCode == "SETTLEMENT_NOT_FOUND")

            // Nothing was written by any of them.
            #expect(try await his.count("SELECT COUNT(*) AS n FROM fee_details") == 0)
            #expect(try await his.count("SELECT COUNT(*) AS n FROM encounters") == 1)
            #expect(try await his.count("SELECT COUNT(*) AS n FROM his_messages") == before)
            #expect(try await his.balance(psn) == 300_000)
        }
    }

    /// An institution suspended on the visit date gets no fund or account payment; the explanation says why.
    @Test(arguments: TestBackend.all)
    func suspendedInstitutionGetsNoPayment(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let his = try await HISClient.make(client)
            let psn = try await his.psnNo("张伟")
            let mdtrt = try await his.register(psn)
            let upload = try await his.call("2204", #"{"feedetail":[\#(HISClient.line("S1", mdtrt, psn, "110200001", pric: "10", cnt: "1", amount: "10"))]}"#)
            #expect(upload.infcode == 0)
            let admin = try await client.signIn("admin")
            let suspend = try await client.send(.post, "/api/institutions/H35020000001/status",
                                                body: #"{"status":"suspended","begndate":"2026-11-15","reason":"违规暂停"}"#, auth: admin)
            #expect(suspend.status == .created, "\(suspend.body)")
            let settled = try await his.call("2207", #"{"data":{"psn_no":"\#(psn)","mdtrt_id":"\#(mdtrt)","medfee_sumamt":"10.00"}}"#)
            #expect(settled.infcode == 0, "\(settled.text)")
            #expect(settled.setl("acct_pay") == "0.00")
            #expect(settled.setl("psn_cash_pay") == "10.00")
            let explanation = settled.array("output", "explanation").compactMap { $0["zh"] as? String }.joined()
            #expect(explanation.contains("暂停"))
        }
    }
}
