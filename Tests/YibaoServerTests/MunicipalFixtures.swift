import Testing
import YibaoCore
import YibaoStore

/// The seed-004 municipal region (329900: 9% + 2% on a declared base, floor 60% of W, W 2025 = 80,000) has
/// no demo staff: these make its administrator, employers and employees through the API, as an agency would.
extension LiveServer.Client {
    static let municipal = "329900"

    /// Signs in the municipal administrator, creating them the first time.
    func municipalAdmin() async throws -> String { try await municipalStaff("m-admin", .administrator) }

    /// Signs in a municipal agency user of `role`, creating them the first time.
    func municipalStaff(_ username: String, _ role: Role) async throws -> String {
        if try await UserRepository(database: database).find(username: username) == nil {
            let users = UserRepository(database: database, bcryptCost: 4)
            let hash = try await users.hashPassword(DemoData.password, of: nil)
            _ = try await database.write { db in
                try await users.create(UserRecord(id: 0, username: username, displayName: username, role: role.rawValue, region: Self.municipal),
                                       passwordHash: hash, by: .commandLine(region: Self.municipal), in: db)
            }
        }
        return try await signIn(username)
    }

    /// A new enterprise of `region` registered by `auth` (the Xiamen administrator when nil): its id and credit code.
    func registerEmployer(region: String = "350200", organisation: String, name: String, auth: String? = nil) async throws -> (id: String, code: String) {
        let code = try CreditCode.make(region: RegionCode.parse(region), organisation: organisation).value
        let body = #"{"admdvs":"\#(region)","credit_code":"\#(code)","name":"\#(name)","kind":"enterprise","contact":"王会计"}"#
        let session = if let auth { auth } else { try await signIn("admin") }
        let created = try await send(.post, "/api/employers", body: body, auth: session)
        #expect(created.status == .created, "\(created.body)")
        return (try #require(created.json["id"] as? String), code)
    }

    /// A municipal person (born 1985) of `category` enrolled in the employee scheme on `enrolOn`: psn_no and identity number.
    func municipalPerson(_ name: String, sequence: Int, category: PersonCategory = .employee, enrolOn: String = "2025-01-01",
                         auth: String) async throws -> (psnNo: String, certno: String) {
        let certno = try IdentityNumber.make(region: RegionCode.parse(Self.municipal), birthDate: LocalDate(year: 1985, month: 4, day: 2)!,
                                             sequence: sequence, sex: .male).value
        let body = #"{"admdvs":"\#(Self.municipal)","insutype":"310","enrol_on":"\#(enrolOn)","certno":"\#(certno)","name":"\#(name)","psn_type":"\#(category.rawValue)"}"#
        let created = try await send(.post, "/api/persons", body: body, auth: auth)
        #expect(created.status == .created, "\(created.body)")
        return (try #require(created.json["psn_no"] as? String), certno)
    }
}
