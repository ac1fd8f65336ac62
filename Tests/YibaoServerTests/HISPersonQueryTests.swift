import Foundation
import Testing
import YibaoTestSupport

/// 1101 answers coverage the way settlement will treat it: from the enrolment events, not a stale flag.
@Suite struct HISPersonQueryTests {
    @Test(arguments: TestBackend.all)
    func personQueryFollowsTheEnrolmentEvents(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let his = try await HISClient.make(client)
            let psn = try await his.psnNo("张伟")
            let covered = try await his.call("1101", #"{"data":{"psn_no":"\#(psn)"}}"#)
            let before = try #require(covered.array("output", "insuinfo").first)
            #expect(before["eligibility"] as? String == "covered")
            #expect(before["psn_insu_stas"] as? String == "1")

            // The agency records an interruption from 2026-11-01; a query on 2026-11-20 says so.
            let admin = try await client.signIn("admin")
            let change = try await client.send(.post, "/api/persons/\(psn)/enrolment-events",
                                               body: #"{"kind":"interrupt","date":"2026-11-01"}"#, auth: admin)
            #expect(change.status.code < 300, "\(change.body)")
            let interrupted = try await his.call("1101", #"{"data":{"psn_no":"\#(psn)"}}"#)
            let after = try #require(interrupted.array("output", "insuinfo").first)
            #expect(after["eligibility"] as? String == "interrupted")
            #expect(after["psn_insu_stas"] as? String == "2")
            #expect(after["eligibility_since"] as? String == "2026-11-01")
            #expect((after["eligibility_reason"] as? String)?.isEmpty == false)
        }
    }

    /// 张伟 is 低保 from 2026-11-01 through 2026-11-15 (recorded by the Xiamen administrator): 1101 on
    /// 2026-11-10 lists `dibao` in `idetinfo`, 1101 on 2026-11-20 does not.
    @Test(arguments: TestBackend.all)
    func personQueryListsTheStatusesOfItsDate(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let his = try await HISClient.make(client)
            let psn = try await his.psnNo("张伟")
            let admin = try await client.signIn("admin")
            let recorded = try await client.send(.post, "/api/persons/\(psn)/statuses",
                                                 body: #"{"status":"dibao","from":"2026-11-01","through":"2026-11-15"}"#, auth: admin)
            #expect(recorded.status == .created, "\(recorded.body)")
            for (day, listed) in [("2026-11-10 09:00:00", true), ("2026-11-20 09:00:00", false)] {
                let reply = try await his.call("1101", #"{"data":{"psn_no":"\#(psn)"}}"#, date: day)
                let kinds = reply.array("output", "idetinfo").compactMap { $0["psn_idet_type"] as? String }
                #expect(kinds.contains("dibao") == listed, "\(day): \(kinds)")
            }
        }
    }
}
