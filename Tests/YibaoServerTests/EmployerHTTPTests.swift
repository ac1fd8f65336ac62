import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// Employers, rosters, billing and KPIs over real HTTP.
@Suite struct EmployerHTTPTests {
    /// The enrolment clerk registers an employer and hires 张伟 from September 2025; the collection
    /// clerk (who may not write employers: 403) sees the roster with his identity number masked, bills
    /// September (Xiamen local employee, W 120,000: 800.00 + 200.00) and reads the KPIs: due 1,000.00,
    /// received 0.00; then the late fee of the unpaid month.
    @Test(arguments: TestBackend.all)
    func employerRosterBillingAndKPIs(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let clerk = try await client.signIn("enrol")
            let collector = try await client.signIn("collect")
            let code = try CreditCode.make(region: RegionCode.parse("350200"), organisation: "MA1111111").value
            let body = #"{"admdvs":"350200","credit_code":"\#(code)","name":"厦门测试有限公司","kind":"enterprise"}"#
            #expect(try await client.send(.post, "/api/employers", body: body, auth: collector).status == .forbidden)
            let created = try await client.send(.post, "/api/employers", body: body, auth: clerk)
            #expect(created.status == .created)
            let id = try #require(created.json["id"] as? String)
            let bad = try await client.send(.post, "/api/employers",
                                            body: #"{"admdvs":"350200","credit_code":"91350200MA1111111X","name":"x","kind":"enterprise"}"#, auth: clerk)
            #expect(bad.status == .badRequest)

            let certno = DemoData.insuredCertno("张伟")!
            let psnNo = try await client.database.read { db in try await PersonRepository.find(certno: certno, in: db) }.first!.psnNo
            let hire = try await client.send(.post, "/api/employers/350200/\(id)/roster",
                                             body: #"{"kind":"hire","psn_no":"\#(psnNo)","month":"2025-09"}"#, auth: clerk)
            #expect(hire.status == .noContent)
            let masked = try await client.send(.get, "/api/employers/350200/\(id)?month=2025-09", auth: collector)
            let roster = try #require(masked.json["roster"] as? [[String: Any]])
            #expect(roster.count == 1)
            #expect((roster.first?["certno"] as? String)?.contains("*") == true)
            let full = try await client.send(.get, "/api/employers/350200/\(id)?month=2025-09", auth: clerk)
            #expect(((full.json["roster"] as? [[String: Any]])?.first?["certno"] as? String) == certno)
            let august = try await client.send(.get, "/api/employers/350200/\(id)?month=2025-08", auth: clerk)
            #expect((august.json["roster"] as? [[String: Any]])?.isEmpty == true)

            let run = try await client.send(.post, "/api/regions/350200/billing-runs", body: #"{"month":"2025-09"}"#, auth: collector)
            #expect(run.json["billed"] as? Int == 1)
            let kpis = try await client.send(.get, "/api/regions/350200/collection-kpis?month=2025-09", auth: collector)
            #expect(kpis.status == .ok)
            #expect(kpis.json["due"] as? String == "1000.00")
            #expect(kpis.json["received"] as? String == "0.00")
            // Unpaid, due 2025-10-15; Xiamen's fee runs from the day after at 0.05%: 16 October days +
            // 5 November days = 21 × 1,000.00 × 0.05% = 10.50 on 2025-11-05. The hospital may not look.
            let debts = try await client.send(.get, "/api/persons/\(psnNo)/arrears?on=2025-11-05", auth: collector)
            #expect(debts.json["outstanding"] as? String == "1000.00")
            #expect(debts.json["late_fees"] as? String == "10.50")
            #expect(((debts.json["items"] as? [[String: Any]])?.first?["month"] as? String) == "2025-09")
            let hospital = try await client.signIn("hospital")
            #expect(try await client.send(.get, "/api/persons/\(psnNo)/arrears?on=2025-11-05", auth: hospital).status == .forbidden)
        }
    }
}
