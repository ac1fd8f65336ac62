import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// Back-payments (补缴) of an employee's missed months over real HTTP, with their roles: the collection
/// clerk asks, another user approves, the employer's own user sees the bills and the statement clears them.
@Suite struct EmployeeBackPaymentHTTPTests {
    /// Municipal 329900: 赵一, hired by 甲公司 from January 2025 on a 6,000.00 base, was never billed for
    /// April–June 2025. The clerk asks (months, not years: an employee's years are refused): 3 × (540.00 +
    /// 120.00) = 1,980.00, due on each month's own due date. The employer's user may neither ask nor approve;
    /// the clerk may not approve her own request; the administrator approves. The employer's user then reads
    /// the three bills (1,980.00); the months count toward 赵一's contribution years once 甲公司's payment
    /// clears them.
    @Test(arguments: TestBackend.all)
    func anEmployeesMissedMonthsAreBackPaidThroughTheEmployerAfterASecondUserApproves(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let region = LiveServer.Client.municipal
            let admin = try await client.municipalAdmin()
            let clerk = try await client.municipalStaff("m-collect", .collectionClerk)
            let (employer, code) = try await client.registerEmployer(region: region, organisation: "MA1BPH001", name: "甲公司", auth: admin)
            let zhao = try await client.municipalPerson("赵一", sequence: 31, auth: admin)
            #expect(try await client.send(.post, "/api/employers/\(region)/\(employer)/roster", body: #"{"kind":"hire","psn_no":"\#(zhao.psnNo)","month":"2025-01"}"#,
                                          auth: admin).status == .noContent)
            #expect(try await client.send(.post, "/api/employers/\(region)/\(employer)/bases",
                                          body: #"{"year":2025,"bases":[{"psn_no":"\#(zhao.psnNo)","declared":"6000.00"}]}"#, auth: admin).status == .created)
            let user = #"{"username":"unit-a","role":"employer_user","admdvs":"\#(region)","employer_id":"\#(employer)","password":"\#(DemoData.password)"}"#
            #expect(try await client.send(.post, "/api/users", body: user, auth: admin).status == .created)
            let unit = try await client.firstSignIn("unit-a")

            let address = "/api/persons/\(zhao.psnNo)/back-payments"
            let years = try await client.send(.post, address, body: #"{"years":[2025],"reason":"漏缴"}"#, auth: clerk)
            #expect(years.status == .conflict && years.code == "BACK_PAYMENT_SCHEME" && years.json["path"] as? String == "years")
            let both = try await client.send(.post, address, body: #"{"years":[2025],"months":["2025-04"],"reason":"漏缴"}"#, auth: clerk)
            #expect(both.status == .badRequest && both.code == "BACK_PAYMENT_PERIODS")
            let body = #"{"months":["2025-04","2025-05","2025-06"],"reason":"单位漏报补缴"}"#
            #expect(try await client.send(.post, address, body: body, auth: unit).code == "FORBIDDEN_ROLE")
            let requested = try await client.send(.post, address, body: body, auth: clerk)
            #expect(requested.status == .created, "\(requested.body)")
            #expect(requested.json["amount"] as? String == "1980.00")
            let months = try #require(requested.json["months"] as? [[String: Any]])
            #expect(months.map { $0["month"] as? String } == ["2025-04", "2025-05", "2025-06"])
            #expect(months.map { $0["due_date"] as? String } == ["2025-05-15", "2025-06-15", "2025-07-15"])
            #expect(months.allSatisfy {
                $0["employer_id"] as? String == employer && $0["base"] as? String == "6000.00" && $0["employer_share"] as? String == "540.00"
                    && $0["individual_share"] as? String == "120.00" && $0["due"] as? String == "month_due"
            })
            let id = try #require(requested.json["id"] as? String)

            let decision = "/api/regions/\(region)/back-payments/\(id)/approve"
            #expect(try await client.send(.post, decision, body: "{}", auth: unit).code == "FORBIDDEN_ROLE")
            let own = try await client.send(.post, decision, body: "{}", auth: clerk)
            #expect(own.status == .forbidden && own.code == "BACK_PAYMENT_SELF_APPROVAL")
            let approved = try await client.send(.post, decision, body: #"{"note":"核实漏报"}"#, auth: admin)
            #expect(approved.status == .ok && approved.json["status"] as? String == "approved")
            let listed = try await client.send(.get, "/api/regions/\(region)/back-payments?status=approved", auth: clerk)
            #expect((listed.json["items"] as? [[String: Any]])?.first?["id"] as? String == id)

            let bills = try await client.send(.get, "/api/employers/\(region)/\(employer)/bills?from=2025-04&through=2025-06", auth: unit)
            #expect(bills.json["total"] as? String == "1980.00")
            #expect((bills.json["items"] as? [[String: Any]])?.map { $0["due_date"] as? String } == ["2025-05-15", "2025-06-15", "2025-07-15"])
            let credited = "/api/persons/\(zhao.psnNo)/contribution-months"
            #expect(try await client.send(.get, credited, auth: clerk).json["paid_months"] as? Int == 0)
            let statement = "payer,amount,paid_on\n\(code),1980.00,2025-09-20\n"
            #expect(try await client.send(.post, "/api/regions/\(region)/payment-statements?statement=BANK-9", body: statement, auth: clerk,
                                          contentType: "text/csv").status == .ok)
            let paid = try await client.send(.get, credited, auth: clerk)
            #expect(paid.json["paid_months"] as? Int == 3)
            #expect(paid.json["months"] as? [String] == ["2025-04", "2025-05", "2025-06"])
            #expect(try await client.send(.get, credited, auth: unit).code == "FORBIDDEN_SCOPE")
        }
    }
}
