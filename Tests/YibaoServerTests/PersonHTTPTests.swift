import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// Person registration, resident households (whole-family enrolment under Benxi's policy) and deferral
/// entry over real HTTP: field errors name the field in Chinese and English, roles and regions are checked.
@Suite struct PersonHTTPTests {
    static func certno(_ birth: String, _ sequence: Int, _ sex: Sex, region: String = "210502") -> String {
        try! IdentityNumber.make(region: RegionCode.parse(region), birthDate: LocalDate.parse(birth), sequence: sequence, sex: sex).value
    }

    /// A Xiamen business owner registered by the enrolment clerk: birth date and sex come from the identity
    /// number, 低保 from 2026-01-01 is recorded with its date, the person waits 6 months from March (L101:
    /// until 2026-09-01, account only) and the full identity number is shown to the clerk but masked
    /// for the analyst. A wrong sex is refused at `sex`, a second registration at `certno`.
    @Test(arguments: TestBackend.all)
    func registerAnEmployeeWithDatedStatuses(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let clerk = try await client.signIn("enrol")
            let certno = Self.certno("1988-04-02", 35, .male, region: "350203")
            let body = """
                {"admdvs":"350200","insutype":"310","enrol_on":"2026-03-01","certno":"\(certno)","name":"陈明",
                 "psn_type":"business_owner","statuses":[{"status":"dibao","from":"2026-01-01"}]}
                """
            let wrongSex = try await client.send(.post, "/api/persons", body: body.replacingOccurrences(of: "\"name\"", with: "\"sex\":\"female\",\"name\""),
                                                 auth: clerk)
            #expect(wrongSex.status == .badRequest)
            #expect(wrongSex.code == "SEX_MISMATCH")
            #expect(wrongSex.json["path"] as? String == "sex")
            #expect((wrongSex.json["message"] as? String)?.contains("身份证") == true)
            #expect((wrongSex.json["message_en"] as? String)?.contains("identity number") == true)
            let badStatus = try await client.send(.post, "/api/persons", body: body.replacingOccurrences(of: "\"dibao\"", with: "\"rich\""), auth: clerk)
            #expect(badStatus.json["path"] as? String == "statuses[0].status")

            let created = try await client.send(.post, "/api/persons", body: body, auth: clerk)
            #expect(created.status == .created)
            #expect(created.json["sex"] as? String == "male")
            #expect(created.json["birth_date"] as? String == "1988-04-02")
            #expect(created.json["hukou_admdvs"] as? String == "350203")
            #expect(created.json["certno"] as? String == certno)
            let psnNo = try #require(created.json["psn_no"] as? String)
            let eligibility = try await client.send(.get, "/api/persons/\(psnNo)/eligibility?on=2026-05-01", auth: clerk)
            #expect(eligibility.json["status"] as? String == "waiting_period")
            #expect(eligibility.json["until"] as? String == "2026-09-01")
            #expect(eligibility.json["account_only"] as? Bool == true)

            let analyst = try await client.signIn("analyst")
            let read = try await client.send(.get, "/api/persons/\(psnNo)", auth: analyst)
            #expect(read.status == .ok)
            let masked = try IdentityNumber.parse(certno).masked
            #expect(read.json["certno"] as? String == masked)
            #expect((read.json["statuses"] as? [[String: Any]])?.first?["from"] as? String == "2026-01-01")

            let again = try await client.send(.post, "/api/persons", body: body, auth: clerk)
            #expect(again.status == .conflict)
            #expect(again.json["path"] as? String == "certno")
            // The Xiamen clerk may not register in Benxi; the collection clerk may not register at all.
            let benxi = try await client.send(.post, "/api/persons", body: body.replacingOccurrences(of: "350200", with: "210500"), auth: clerk)
            #expect(benxi.status == .forbidden)
            #expect(try await client.send(.post, "/api/persons", body: body, auth: try await client.signIn("collect")).status == .forbidden)
        }
    }

    /// Benxi (whole_household: true): an adult resident alone is refused (HOUSEHOLD_REQUIRED); a family
    /// of three — father 1975 (adult), grandmother 1950 (elderly), daughter 2012 (minor in 2026) — is
    /// registered and enrolled in one call; a member error (the daughter declared an adult) names
    /// `members[2].psn_type` and stores nobody. A newborn then joins the household; a student registers alone.
    @Test(arguments: TestBackend.all)
    func residentsEnrolAsAWholeHousehold(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let admin = try await client.signIn("benxi-admin")
            let father = Self.certno("1975-05-05", 51, .male)
            let grandmother = Self.certno("1950-02-02", 52, .female)
            let daughter = Self.certno("2012-09-09", 54, .female)
            let alone = try await client.send(.post, "/api/persons", body: """
                {"admdvs":"210500","insutype":"390","enrol_on":"2026-01-10","certno":"\(father)","name":"赵大","psn_type":"resident_adult"}
                """, auth: admin)
            #expect(alone.status == .badRequest)
            #expect(alone.code == "HOUSEHOLD_REQUIRED")
            #expect(alone.json["path"] as? String == "household_id")

            func household(daughterType: String) -> String {
                """
                {"admdvs":"210500","insutype":"390","enrol_on":"2026-01-10","address":"平山区某街 1 号","members":[
                  {"certno":"\(father)","name":"赵大","psn_type":"resident_adult","relation":"head"},
                  {"certno":"\(grandmother)","name":"钱氏","psn_type":"resident_elderly","relation":"parent",
                   "statuses":[{"status":"dibao","from":"2025-01-01"}]},
                  {"certno":"\(daughter)","name":"赵小","psn_type":"\(daughterType)","relation":"child"}]}
                """
            }
            let wrong = try await client.send(.post, "/api/households", body: household(daughterType: "resident_adult"), auth: admin)
            #expect(wrong.status == .badRequest)
            #expect(wrong.json["path"] as? String == "members[2].psn_type")
            let nobody = try await client.database.read { db in try await PersonRepository.find(certno: father, in: db) }
            #expect(nobody.isEmpty)

            let created = try await client.send(.post, "/api/households", body: household(daughterType: "minor"), auth: admin)
            #expect(created.status == .created)
            let members = try #require(created.json["members"] as? [[String: Any]])
            #expect(members.map { $0["psn_type"] as? String } == ["resident_adult", "resident_elderly", "minor"])
            #expect(members.map { $0["relation"] as? String } == ["head", "parent", "child"])
            let householdID = try #require(created.json["household_id"] as? String)
            // Benxi residents wait 3 months from the enrolment month: covered from 2026-04-01.
            let grandmotherNo = try #require(members[1]["psn_no"] as? String)
            let covered = try await client.send(.get, "/api/persons/\(grandmotherNo)/eligibility?on=2026-04-01", auth: admin)
            #expect(covered.json["covered"] as? Bool == true)

            let baby = Self.certno("2026-03-03", 56, .female)
            let joined = try await client.send(.post, "/api/persons", body: """
                {"admdvs":"210500","insutype":"390","enrol_on":"2026-03-20","certno":"\(baby)","name":"赵宝","psn_type":"minor",
                 "household_id":"\(householdID)","relation":"child"}
                """, auth: admin)
            #expect(joined.status == .created)
            let family = try await client.send(.get, "/api/households/210500/\(householdID)", auth: admin)
            #expect((family.json["members"] as? [[String: Any]])?.map { $0["name"] as? String } == ["赵大", "钱氏", "赵小", "赵宝"])
            let secondHead = try await client.send(.post, "/api/persons", body: """
                {"admdvs":"210500","insutype":"390","enrol_on":"2026-03-20","certno":"\(Self.certno("1976-06-06", 58, .female))","name":"孙氏",
                 "psn_type":"resident_adult","household_id":"\(householdID)","relation":"head"}
                """, auth: admin)
            #expect(secondHead.code == "HOUSEHOLD_HEAD_EXISTS")
            let student = try await client.send(.post, "/api/persons", body: """
                {"admdvs":"210500","insutype":"390","enrol_on":"2026-09-01","certno":"\(Self.certno("2005-01-01", 59, .male))","name":"周学",
                 "psn_type":"student"}
                """, auth: admin)
            #expect(student.status == .created)
        }
    }

    /// A deferral for 张伟 from 2026-10-01 to 2026-12-31 entered over HTTP keeps him covered through his
    /// unpaid September bill (due 2026-10-15): covered on 2026-11-20 instead of in arrears. A deferral
    /// naming both an employer and a person is refused; the enrolment clerk may not enter one.
    @Test(arguments: TestBackend.all)
    func deferralEntryKeepsBenefits(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let person = try await client.bill("张伟", month: "2026-09", due: "2026-10-15")
            let collector = try await client.signIn("collect")
            let owing = try await client.send(.get, "/api/persons/\(person.psnNo)/eligibility?on=2026-11-20", auth: collector)
            #expect(owing.json["status"] as? String == "arrears")
            let body = #"{"psn_no":"\#(person.psnNo)","from":"2026-10-01","through":"2026-12-31","reason":"困难缓缴"}"#
            #expect(try await client.send(.post, "/api/regions/350200/deferrals", body: body, auth: try await client.signIn("enrol")).status
                    == .forbidden)
            let both = try await client.send(.post, "/api/regions/350200/deferrals",
                                             body: body.replacingOccurrences(of: "{", with: #"{"employer_id":"1","#), auth: collector)
            #expect(both.code == "DEFERRAL_PARTY")
            let created = try await client.send(.post, "/api/regions/350200/deferrals", body: body, auth: collector)
            #expect(created.status == .created)
            let kept = try await client.send(.get, "/api/persons/\(person.psnNo)/eligibility?on=2026-11-20", auth: collector)
            #expect(kept.json["covered"] as? Bool == true)
        }
    }

    /// 赵丽 (Benxi adult, registered without statuses) becomes 低保 from 2026-01-01 (recorded by the Benxi
    /// administrator): her 2026 premium is 85 personal + 210 subsidy instead of 255 + 40. The status is
    /// ended on 2026-12-31; an overlapping 低保 is refused at `from`, an unknown status at `status`; the
    /// collection clerk may not record statuses.
    @Test(arguments: TestBackend.all)
    func statusesRecordedAfterRegistrationDriveThePremium(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let admin = try await client.signIn("benxi-admin")
            let zhao = try await RegistryHTTPTests.psnNo(client, "赵丽")
            let body = #"{"status":"dibao","from":"2026-01-01"}"#
            #expect(try await client.send(.post, "/api/persons/\(zhao)/statuses", body: body, auth: try await client.signIn("collect")).status
                    == .forbidden)
            #expect(try await client.send(.post, "/api/persons/\(zhao)/statuses", body: body, auth: admin).status == .created)
            let overlap = try await client.send(.post, "/api/persons/\(zhao)/statuses", body: #"{"status":"dibao","from":"2026-05-01"}"#, auth: admin)
            #expect(overlap.code == "STATUS_OVERLAP")
            #expect(overlap.json["path"] as? String == "from")
            let unknown = try await client.send(.post, "/api/persons/\(zhao)/statuses", body: #"{"status":"vip","from":"2026-05-01"}"#, auth: admin)
            #expect(unknown.json["path"] as? String == "status")
            #expect(try await client.send(.post, "/api/persons/\(zhao)/statuses/dibao/end", body: #"{"through":"2026-12-31"}"#, auth: admin).status
                    == .noContent)
            let read = try await client.send(.get, "/api/persons/\(zhao)", auth: admin)
            #expect((read.json["statuses"] as? [[String: Any]])?.first?["through"] as? String == "2026-12-31")
            let run = try await client.send(.post, "/api/regions/210500/resident-billing-runs", body: #"{"year":2026}"#, auth: admin)
            // 赵丽 85 + 210 (低保), 孙浩 40 + 40, 周桂兰 195 + 100.
            #expect(run.json["personal_due"] as? String == "320.00")
            #expect(run.json["subsidy"] as? String == "350.00")
        }
    }
}
