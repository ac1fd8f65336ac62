import Foundation
import Testing
import YibaoStore
import YibaoTestSupport
@testable import YibaoServer

/// The idempotency key of HIS writes: (`fixmedins_code`, `msgid`) with the digest of the canonical
/// `input`. A retry differing only in `inf_time`, key order or layout gets the first answer; the same
/// msgid with a different input is refused and changes nothing.
@Suite struct HISIdempotencyTests {
    @Test func canonicalInputSortsKeysAndDropsLayout() throws {
        let sent = Data(#"""
            {"inf_time":"2026-11-20 09:30:00", "input" : { "data": {"psn_no":"7", "b":[1, {"d":2,"c":"x\"y"}], "a":12.30, "e":null} } }
            """#.utf8)
        let reordered = Data(#"{"input":{"data":{"e":null,"a":12.30,"b":[1,{"c":"x\"y","d":2}],"psn_no":"7"}},"inf_time":"2026-11-21 10:00:00"}"#.utf8)
        let canonical = #"{"data":{"a":12.30,"b":[1,{"c":"x\"y","d":2}],"e":null,"psn_no":"7"}}"#
        #expect(HISCall.canonicalInput(sent) == canonical)
        #expect(HISCall.canonicalInput(reordered) == canonical)
        // Amounts are compared as sent: a different figure is a different request.
        #expect(HISCall.canonicalInput(Data(#"{"input":{"a":12.31}}"#.utf8)) == #"{"a":12.31}"#)
        #expect(HISCall.canonicalInput(Data(#"{"input":[]}"#.utf8)) == "[]")
        for broken in [#"{"infno":"2201"}"#, #"{"input":{"a":1"#, #"{"input":{"a" 1}}"#, #"["input"]"#,
                       "{\"input\":" + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "}"] {
            #expect(HISCall.canonicalInput(Data(broken.utf8)) == "", "\(broken)")
        }
    }

    /// 张伟 registers an outpatient visit with msgid REG-1; the retry, keys reordered and spaced and
    /// a minute later, gets the very same answer and opens no second encounter; REG-1 with another
    /// visit time is refused as a reused msgid.
    @Test(arguments: TestBackend.all)
    func retriesMatchByCanonicalInput(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let his = try await HISClient.make(client)
            let psn = try await his.psnNo("张伟")
            let before = try await his.count("SELECT COUNT(*) AS n FROM encounters")
            let first = try await his.call(
                "2201", #"{"data":{"psn_no":"\#(psn)","insutype":"310","begntime":"2026-11-20 09:00:00","ipt_otp_no":"M001"}}"#,
                msgid: "REG-1")
            #expect(first.infcode == 0, "\(first.text)")
            let retry = try await his.call(
                "2201", #"{ "data" : { "ipt_otp_no":"M001", "begntime":"2026-11-20 09:00:00", "insutype":"310", "psn_no":"\#(psn)" } }"#,
                msgid: "REG-1", date: "2026-11-20 09:31:00")
            #expect(retry.text == first.text)
            let reused = try await his.call(
                "2201", #"{"data":{"psn_no":"\#(psn)","insutype":"310","begntime":"2026-11-20 10:00:00","ipt_otp_no":"M001"}}"#,
                msgid: "REG-1")
            #expect(reused.infcode != 0)
            #expect(reused.errCode == "MSGID_REUSED")
            #expect(try await his.count("SELECT COUNT(*) AS n FROM encounters") == before + 1)
        }
    }
}
