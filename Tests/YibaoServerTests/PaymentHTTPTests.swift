import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// Statement import, unmatched payments and maker-checker refunds over real HTTP, with their roles.
@Suite struct PaymentHTTPTests {
    /// 李娜 owes August 2026 (1,000.00). The collection clerk imports a statement paying it twice
    /// (line 3 unmatched, 1,000.00), asks for a refund of line 3 and may not approve it herself (403
    /// REFUND_SELF_APPROVAL); the administrator approves it (the payment has 0.00 unallocated left) and a
    /// second approval is refused (409 REFUND_ALREADY_DECIDED). The enrolment clerk may neither import
    /// nor ask for refunds; the Benxi administrator may not see Xiamen's refunds.
    @Test(arguments: TestBackend.all)
    func duplicatePaymentIsRefundedAfterASecondUserApproves(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let person = try await client.bill("李娜", month: "2026-08", due: "2026-09-15")
            let csv = "payer,amount,paid_on\n\(person.certno),1000.00,2026-09-10\n\(person.certno),1000.00,2026-09-10\n"
            let collector = try await client.signIn("collect")
            let enrol = try await client.signIn("enrol")
            #expect(try await client.send(.post, "/api/regions/350200/payment-statements?statement=B9", body: csv, auth: enrol,
                                          contentType: "text/csv").status == .forbidden)
            let imported = try await client.send(.post, "/api/regions/350200/payment-statements?statement=B9", body: csv, auth: collector,
                                                 contentType: "text/csv")
            #expect(imported.status == .ok)
            #expect(imported.json["imported"] as? Int == 2)
            #expect(imported.json["allocated"] as? String == "1000.00")
            let bad = try await client.send(.post, "/api/regions/350200/payment-statements?statement=B10",
                                             body: "payer,amount,paid_on\nX,1,2026-09-10\n", auth: collector, contentType: "text/csv")
            #expect(bad.status == .badRequest)
            #expect((bad.json["errors"] as? [[String: Any]])?.first?["field"] as? String == "payer")

            let open = try await client.send(.get, "/api/regions/350200/payments/unallocated", auth: collector)
            let items = try #require(open.json["items"] as? [[String: Any]])
            #expect(items.map { $0["line"] as? Int } == [3])
            #expect(items.first?["unallocated"] as? String == "1000.00")
            let paymentID = try #require(items.first?["id"] as? String)

            #expect(try await client.send(.post, "/api/regions/350200/payments/\(paymentID)/refunds", body: #"{"reason":"重复缴费"}"#,
                                          auth: enrol).status == .forbidden)
            let noReason = try await client.send(.post, "/api/regions/350200/payments/\(paymentID)/refunds", body: #"{"reason":""}"#,
                                                 auth: collector)
            #expect(noReason.status == .badRequest)
            #expect(noReason.code == "REFUND_REASON_REQUIRED")
            #expect(noReason.json["path"] as? String == "reason")
            let requested = try await client.send(.post, "/api/regions/350200/payments/\(paymentID)/refunds",
                                                  body: #"{"reason":"重复缴费"}"#, auth: collector)
            #expect(requested.status == .created)
            #expect(requested.json["amount"] as? String == "1000.00")
            #expect(requested.json["status"] as? String == "requested")
            let refundID = try #require(requested.json["id"] as? String)

            let own = try await client.send(.post, "/api/regions/350200/refunds/\(refundID)/approve", body: "{}", auth: collector)
            #expect(own.status == .forbidden)
            #expect(own.code == "REFUND_SELF_APPROVAL")
            #expect((own.json["message"] as? String)?.contains("申请人以外") == true)

            let admin = try await client.signIn("admin")
            let approved = try await client.send(.post, "/api/regions/350200/refunds/\(refundID)/approve", body: #"{"note":"核实"}"#,
                                                 auth: admin)
            #expect(approved.status == .ok)
            #expect(approved.json["status"] as? String == "approved")
            #expect(approved.json["decided_by"] as? String == "admin")
            let again = try await client.send(.post, "/api/regions/350200/refunds/\(refundID)/reject", body: #"{"note":"晚了"}"#,
                                              auth: admin)
            #expect(again.status == .conflict)
            #expect(again.code == "REFUND_ALREADY_DECIDED")

            let left = try await client.send(.get, "/api/regions/350200/payments/unallocated", auth: collector)
            #expect((left.json["items"] as? [[String: Any]])?.isEmpty == true)
            let list = try await client.send(.get, "/api/regions/350200/refunds?status=approved", auth: collector)
            #expect((list.json["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [refundID])
            let benxi = try await client.signIn("benxi-admin")
            #expect(try await client.send(.get, "/api/regions/350200/refunds", auth: benxi).status == .forbidden)
        }
    }
}
