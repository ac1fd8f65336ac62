import Testing
import YibaoStore
import YibaoTestSupport

/// Deny by default, over real HTTP: anonymous callers, wrong roles and wrong scopes get 401/403 with
/// a message that says why, and nothing changes.
@Suite struct AccessControlTests {
    @Test(arguments: TestBackend.all)
    func anonymousAndBadCredentialsAreRefused(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let anonymous = try await client.send(.get, "/api/regions")
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.code == "NOT_SIGNED_IN")

            let wrong = try await client.send(.post, "/api/session", body: #"{"username":"admin","password":"nope-nope"}"#)
            #expect(wrong.status == .unauthorized)
            #expect(wrong.code == "LOGIN_FAILED")

            let forged = try await client.send(.get, "/api/regions", auth: "ybt_0000")
            #expect(forged.status == .unauthorized)
            #expect(forged.code == "TOKEN_INVALID")
        }
    }

    @Test(arguments: TestBackend.all)
    func anInstitutionUserSeesOnlyItsOwnInstitution(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let hospital = try await client.signIn("hospital")
            let own = try await client.send(.get, "/api/institutions/H35020000001", auth: hospital)
            #expect(own.status == .ok)
            #expect(own.json["fixmedins_code"] as? String == "H35020000001")

            let other = try await client.send(.get, "/api/institutions/H35020000002", auth: hospital)
            #expect(other.status == .forbidden)
            #expect(other.code == "FORBIDDEN_SCOPE")
            #expect((other.json["message"] as? String)?.contains("H35020000001") == true)

            let admin = try await client.signIn("admin")
            #expect(try await client.send(.get, "/api/institutions/H35020000002", auth: admin).status == .ok)
            // The Xiamen administrator's region does not include Benxi.
            let foreign = try await client.send(.get, "/api/institutions/H21050000001", auth: admin)
            #expect(foreign.status == .forbidden)
            #expect(foreign.code == "FORBIDDEN_SCOPE")
        }
    }

    @Test(arguments: TestBackend.all)
    func aClerkCannotChangeAPolicy(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let clerk = try await client.signIn("enrol")
            let document = PolicyFixtures.valid(id: "xm-310-2031", effectiveFrom: "2031-01-01")
            let refused = try await client.send(.post, "/api/policies", body: document, auth: clerk, contentType: "application/yaml")
            #expect(refused.status == .forbidden)
            #expect(refused.code == "FORBIDDEN_ROLE")
            #expect((refused.json["message"] as? String)?.contains("参保登记员") == true || (refused.json["message"] as? String)?.contains("policy.write") == true)
            let analyst = try await client.signIn("analyst")
            #expect(try await client.send(.post, "/api/policies", body: document, auth: analyst, contentType: "application/yaml").status == .forbidden)
            // Nothing was stored.
            let admin = try await client.signIn("admin")
            #expect(try await client.send(.get, "/api/policies/xm-310-2031", auth: admin).status == .notFound)
        }
    }

    @Test(arguments: TestBackend.all)
    func systemClientsUseInstitutionBoundTokens(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let admin = try await client.signIn("admin")
            let issued = try await client.send(.post, "/api/users/his/tokens", body: #"{"name":"his-prod"}"#, auth: admin)
            #expect(issued.status == .created)
            let token = try #require(issued.json["token"] as? String)
            let me = try await client.send(.get, "/api/me", auth: token)
            #expect(me.json["role"] as? String == "system_client")
            #expect(me.json["fixmedins_code"] as? String == "H35020000001")
            #expect(try await client.send(.get, "/api/institutions/H35020000002", auth: token).status == .forbidden)

            // A system client without an institution cannot even be created, and the refusal writes nothing.
            // (One auditor session for both counts: a sign-in is itself on the trail.)
            let auditor = try await client.signIn("auditor")
            let before = try await client.send(.get, "/api/audit", auth: auditor)
            let unbound = try await client.send(.post, "/api/users",
                                                body: #"{"username":"his2","role":"system_client","admdvs":"350200"}"#, auth: admin)
            #expect(unbound.status == .badRequest)
            #expect(unbound.code == "PRINCIPAL_BINDING")
            let unknownInstitution = try await client.send(.post, "/api/users",
                body: #"{"username":"his3","role":"system_client","admdvs":"350200","fixmedins_code":"NOPE"}"#, auth: admin)
            #expect(unknownInstitution.status == .badRequest)
            #expect(unknownInstitution.code == "INSTITUTION_UNKNOWN")
            let after = try await client.send(.get, "/api/audit", auth: auditor)
            #expect((before.json["items"] as? [Any])?.count == (after.json["items"] as? [Any])?.count)
        }
    }
}
