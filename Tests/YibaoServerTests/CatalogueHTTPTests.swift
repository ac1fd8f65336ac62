import Foundation
import Testing
import YibaoStore
import YibaoTestSupport

/// The catalogue and declared-list API over HTTP, with its permissions.
@Suite struct CatalogueHTTPTests {
    @Test(arguments: TestBackend.all)
    func searchImportAndDeclare(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let his = try await HISClient.make(client)
            let found = try await client.send(.get, "/api/catalogue?insutype=310&q=%E9%98%BF%E8%8E%AB%E8%A5%BF%E6%9E%97", auth: his.token)
            #expect(found.status == .ok)
            let items = try #require(found.json["items"] as? [[String: Any]])
            #expect(items.map { $0["med_list_codg"] as? String } == ["XJ01CAA040A001010100003"])
            #expect(items.first?["pric_uplmt_amt"] as? String == "12.00")
            #expect(items.first?["chrgitm_lv"] as? String == "01")

            let csv = """
                med_list_codg,insutype,name,kind,chrgitm_lv,pric_uplmt_amt,begndate
                T0001,310,测试药品,drug,02,9.90,2026-01-01
                T0002,310,测试项目,service,9,1.00,2026-01-01
                """
            // The system client may read but not maintain the catalogue.
            #expect(try await client.send(.post, "/api/catalogue/import", body: csv, auth: his.token, contentType: "text/csv").status == .forbidden)
            let admin = try await client.signIn("admin")
            let refused = try await client.send(.post, "/api/catalogue/import?admdvs=350200", body: csv, auth: admin, contentType: "text/csv")
            #expect(refused.status == .badRequest)
            #expect(refused.json["imported"] as? Int == 0)
            let error = try #require((refused.json["errors"] as? [[String: Any]])?.first)
            #expect(error["line"] as? Int == 3)
            #expect(error["field"] as? String == "chrgitm_lv")
            let partial = try await client.send(.post, "/api/catalogue/import?admdvs=350200&skip_invalid=true", body: csv, auth: admin,
                                                contentType: "text/csv")
            #expect(partial.status == .ok)
            #expect(partial.json["imported"] as? Int == 1)
            let imported = try await client.send(.get, "/api/catalogue?q=T000", auth: admin)
            #expect((imported.json["items"] as? [[String: Any]])?.count == 1)

            // An institution declares its own list, not another's.
            let hospital = try await client.signIn("hospital")
            let declare = try await client.send(.post, "/api/institutions/H35020000001/declared",
                                                body: #"{"items":[{"medins_list_codg":"YY-T1","med_list_codg":"T0001","begndate":"2026-01-01"}]}"#,
                                                auth: hospital)
            #expect(declare.status == .created, "\(declare.body)")
            let list = try await client.send(.get, "/api/institutions/H35020000001/declared", auth: hospital)
            #expect((list.json["items"] as? [[String: Any]])?.contains { $0["medins_list_codg"] as? String == "YY-T1" } == true)
            let foreign = try await client.send(.post, "/api/institutions/H35020000002/declared",
                                                body: #"{"items":[{"medins_list_codg":"X","med_list_codg":"T0001","begndate":"2026-01-01"}]}"#,
                                                auth: hospital)
            #expect(foreign.status == .forbidden)
            let unknown = try await client.send(.post, "/api/institutions/H35020000001/declared",
                                                body: #"{"items":[{"medins_list_codg":"YY-X","med_list_codg":"NOPE","begndate":"2026-01-01"}]}"#,
                                                auth: hospital)
            #expect(unknown.status == .notFound)
            #expect(unknown.json["path"] as? String == "items[0].med_list_codg")
            // Designation status is the agency's.
            #expect(try await client.send(.post, "/api/institutions/H35020000001/status",
                                          body: #"{"status":"suspended","begndate":"2026-12-01"}"#, auth: hospital).status == .forbidden)
            let terminate = try await client.send(.post, "/api/institutions/H35020000002/status",
                                                  body: #"{"status":"terminated","begndate":"2026-12-01"}"#, auth: admin)
            #expect(terminate.status == .created, "\(terminate.body)")
            let history = try await client.send(.get, "/api/institutions/H35020000002/status", auth: admin)
            #expect((history.json["items"] as? [[String: Any]])?.map { $0["status"] as? String } == ["active", "terminated"])
        }
    }
}
