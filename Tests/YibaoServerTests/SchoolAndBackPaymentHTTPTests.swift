import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// Schools, their students and back-payments over real HTTP, with their roles (Benxi, 210500).
@Suite struct SchoolAndBackPaymentHTTPTests {
    /// The demo student 孙浩 is registered by the demo's county-funded school for 2026. The Benxi
    /// administrator registers a school no county funds; Xiamen's collection clerk may not. 孙浩 cannot be
    /// registered by it for 2026 (409, his school has him) nor after 15 September 2027 (409), but can be for
    /// 2027 on 1 September; the 2027 run then gives the city his whole subsidy: city 40 + 24 (赵丽) + 60
    /// (周桂兰) = 124, counties 16 + 40 = 56.
    @Test(arguments: TestBackend.all)
    func aSchoolRegistersItsStudentsAndTheCityFundsThoseOfSchoolsNoCountyFunds(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let benxi = try await client.signIn("benxi-admin")
            let body = #"{"admdvs":"210500","name":"本溪市第二职业学校","county":"210503","county_funded":false}"#
            #expect(try await client.send(.post, "/api/schools", body: body, auth: try await client.signIn("collect")).status == .forbidden)
            let created = try await client.send(.post, "/api/schools", body: body, auth: benxi)
            #expect(created.status == .created)
            let school = try #require(created.json["id"] as? String)
            let sun = try await client.database.read { db in try await PersonRepository.find(certno: DemoData.insuredCertno("孙浩")!, in: db) }[0]
            func students(_ year: Int, _ on: String) -> String {
                #"{"school_year":\#(year),"registered_on":"\#(on)","students":["\#(sun.psnNo)"]}"#
            }
            let elsewhere = try await client.send(.post, "/api/schools/210500/\(school)/students", body: students(2026, "2026-09-01"), auth: benxi)
            #expect(elsewhere.status == .conflict)
            #expect(elsewhere.code == "SCHOOL_STUDENT_ELSEWHERE")
            #expect(elsewhere.json["path"] as? String == "students[0]")
            let late = try await client.send(.post, "/api/schools/210500/\(school)/students", body: students(2027, "2027-09-16"), auth: benxi)
            #expect(late.code == "SCHOOL_REGISTRATION_CLOSED")
            let registered = try await client.send(.post, "/api/schools/210500/\(school)/students", body: students(2027, "2027-09-01"), auth: benxi)
            #expect(registered.status == .created)
            #expect(registered.json["registered"] as? Int == 1)
            #expect(registered.json["through"] as? String == "2028-08-31")
            let list = try await client.send(.get, "/api/schools/210500/\(school)/students?school_year=2027", auth: benxi)
            #expect((list.json["items"] as? [[String: Any]])?.map { $0["psn_no"] as? String } == [String(sun.psnNo)])

            let run = try await client.send(.post, "/api/regions/210500/resident-billing-runs", body: #"{"year":2027}"#, auth: benxi)
            #expect(run.json["billed"] as? Int == 3)
            #expect(run.json["city_subsidy"] as? String == "124.00")
            #expect(run.json["county_subsidy"] as? String == "56.00")
        }
    }

    /// 赵丽's 2026 premium (255.00, due 2025-12-31) is unpaid. A Benxi collection clerk asks to back-pay
    /// 2026: 295.00, no subsidy. She may not approve it herself (403); Xiamen's administrator may not
    /// approve a Benxi request (403); the Benxi administrator approves and her 2026 bill is 295.00.
    @Test(arguments: TestBackend.all)
    func aBackPaymentIsBilledOnlyAfterASecondUserApproves(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let users = UserRepository(database: client.database, bcryptCost: 4)
            let hash = try await users.hashPassword(DemoData.password, of: nil)
            _ = try await client.database.write { db in
                try await users.create(UserRecord(id: 0, username: "benxi-collect", displayName: "本溪征缴", role: Role.collectionClerk.rawValue,
                                                  region: "210500"), passwordHash: hash, by: .commandLine(region: "210500"), in: db)
            }
            let benxi = try await client.signIn("benxi-admin")
            let clerk = try await client.signIn("benxi-collect")
            #expect(try await client.send(.post, "/api/regions/210500/resident-billing-runs", body: #"{"year":2026}"#, auth: benxi).status == .ok)
            let zhao = try await client.database.read { db in try await PersonRepository.find(certno: DemoData.insuredCertno("赵丽")!, in: db) }[0]

            let noYears = try await client.send(.post, "/api/persons/\(zhao.psnNo)/back-payments", body: #"{"years":[],"reason":"补缴"}"#, auth: clerk)
            #expect(noYears.status == .badRequest)
            #expect(noYears.code == "BACK_PAYMENT_YEARS_REQUIRED")
            let requested = try await client.send(.post, "/api/persons/\(zhao.psnNo)/back-payments",
                                                  body: #"{"years":[2026],"reason":"中断后补缴"}"#, auth: clerk)
            #expect(requested.status == .created)
            #expect(requested.json["amount"] as? String == "295.00")
            #expect((requested.json["years"] as? [[String: Any]])?.first?["due_date"] as? String == "2025-12-31")
            let id = try #require(requested.json["id"] as? String)

            let own = try await client.send(.post, "/api/regions/210500/back-payments/\(id)/approve", body: "{}", auth: clerk)
            #expect(own.status == .forbidden)
            #expect(own.code == "BACK_PAYMENT_SELF_APPROVAL")
            let xiamen = try await client.send(.post, "/api/regions/210500/back-payments/\(id)/approve", body: "{}",
                                               auth: try await client.signIn("admin"))
            #expect(xiamen.status == .forbidden)
            let approved = try await client.send(.post, "/api/regions/210500/back-payments/\(id)/approve", body: #"{"note":"核实"}"#, auth: benxi)
            #expect(approved.status == .ok)
            #expect(approved.json["status"] as? String == "approved")
            #expect(approved.json["decided_by"] as? String == "benxi-admin")
            let listed = try await client.send(.get, "/api/regions/210500/back-payments?status=approved", auth: clerk)
            #expect((listed.json["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
            let bills = try await client.database.read { db in
                try await ContributionBillRepository.bills(admdvs: "210500", psnNo: zhao.psnNo, openOnly: true, in: db)
            }
            #expect(bills.map(\.individualShare) == [Money(yuan: 295)])
        }
    }
}
