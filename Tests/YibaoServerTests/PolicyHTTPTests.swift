import Testing
import YibaoTestSupport

@Suite struct PolicyHTTPTests {
    @Test(arguments: TestBackend.all)
    func publishResolveAndDiffVersions(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let admin = try await client.signIn("admin")
            for (id, date, title) in [("xm-310-2031", "2031-01-01", "二〇三一版"), ("xm-310-2032", "2032-07-01", "二〇三二版")] {
                let reply = try await client.send(.post, "/api/policies", body: PolicyFixtures.valid(id: id, effectiveFrom: date, title: title),
                                                  auth: admin, contentType: "application/yaml")
                #expect(reply.status == .created, "\(reply.body)")
            }
            let before = try await client.send(.get, "/api/policies/in-force?admdvs=350200&insutype=310&on=2032-06-30", auth: admin)
            #expect(before.json["id"] as? String == "xm-310-2031")
            let boundary = try await client.send(.get, "/api/policies/in-force?admdvs=350200&insutype=310&on=2032-07-01", auth: admin)
            #expect(boundary.json["id"] as? String == "xm-310-2032")

            let clash = try await client.send(.post, "/api/policies", body: PolicyFixtures.valid(id: "xm-310-2032b", effectiveFrom: "2032-07-01"),
                                              auth: admin, contentType: "application/yaml")
            #expect(clash.status == .conflict)
            #expect(clash.code == "POLICY_VERSION_EXISTS")

            let diff = try await client.send(.get, "/api/policies/diff?a=xm-310-2031&b=xm-310-2032", auth: admin)
            let changes = try #require(diff.json["items"] as? [[String: Any]])
            #expect(changes.contains { $0["path"] as? String == "title" && $0["new"] as? String == "二〇三二版" })
            #expect(changes.contains { $0["path"] as? String == "effective_from" })
        }
    }

    @Test(arguments: TestBackend.all)
    func anInvalidDocumentIsRefusedWithEveryProblem(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let admin = try await client.signIn("admin")
            let bad = """
                id: xm-bad
                region: "3502"
                insutype: "999"
                effective_from: 2031-02-30
                colour: blue
                """
            let reply = try await client.send(.post, "/api/policies", body: bad, auth: admin, contentType: "application/yaml")
            #expect(reply.status == .badRequest)
            #expect(reply.code == "POLICY_INVALID")
            let paths = Set((reply.json["issues"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String })
            #expect(paths.isSuperset(of: ["region", "insutype", "effective_from", "colour"]), "\(paths)")
            #expect(try await client.send(.get, "/api/policies/xm-bad", auth: admin).status == .notFound)
        }
    }
}
