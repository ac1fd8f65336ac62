/// Who is acting: an authenticated user or system, with what it is bound to. A principal whose bindings
/// do not match its role cannot be built, so `Authorization` never meets an institution user without an
/// institution, an employer user without an employer or an insured person without a person.
public struct Principal: Hashable, Sendable {
    public let userID: Int64
    public let username: String
    public let role: Role
    /// Home region: the region an agency user acts for, and where any other principal belongs.
    public let region: RegionCode
    /// `fixmedins_code` of the one designated institution; only for institution users and system clients.
    public let institutionCode: String?
    /// The one insured person; only for insured users.
    public let personID: Int64?
    /// The one contributing employer (of `region`); only for employer users.
    public let employerID: Int64?

    public init(userID: Int64, username: String, role: Role, region: RegionCode,
                institutionCode: String? = nil, personID: Int64? = nil, employerID: Int64? = nil) throws(DomainError) {
        try PrincipalError.check(role, .institution, bound: institutionCode.map { !$0.isEmpty } ?? false,
                                 ("一家定点机构", "one designated institution"), ("定点机构", "an institution"))
        try PrincipalError.check(role, .person, bound: personID != nil, ("一名参保人", "one insured person"), ("参保人", "a person"))
        try PrincipalError.check(role, .employer, bound: employerID != nil, ("一家参保单位", "one employer"), ("参保单位", "an employer"))
        self.userID = userID
        self.username = username
        self.role = role
        self.region = region
        self.institutionCode = institutionCode
        self.personID = personID
        self.employerID = employerID
    }
}

extension Principal: Codable {
    enum CodingKeys: String, CodingKey {
        case userID = "user_id", username, role, region, institutionCode = "fixmedins_code", personID = "person_id"
        case employerID = "employer_id"
    }

    /// Decoding re-checks the bindings, so a stored session can never smuggle in an unbound principal.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(userID: c.decode(Int64.self, forKey: .userID),
                          username: c.decode(String.self, forKey: .username),
                          role: c.decode(Role.self, forKey: .role),
                          region: c.decode(RegionCode.self, forKey: .region),
                          institutionCode: c.decodeIfPresent(String.self, forKey: .institutionCode),
                          personID: c.decodeIfPresent(Int64.self, forKey: .personID),
                          employerID: c.decodeIfPresent(Int64.self, forKey: .employerID))
        } catch let error as DomainError {
            throw DecodingError.dataCorruptedError(forKey: .role, in: c, debugDescription: "\(error.message) / \(error.messageEn)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(userID, forKey: .userID)
        try c.encode(username, forKey: .username)
        try c.encode(role, forKey: .role)
        try c.encode(region, forKey: .region)
        try c.encodeIfPresent(institutionCode, forKey: .institutionCode)
        try c.encodeIfPresent(personID, forKey: .personID)
        try c.encodeIfPresent(employerID, forKey: .employerID)
    }
}

enum PrincipalError {
    /// The field of a user's record (as the API names it) that holds each binding.
    static let field: [Role.Binding: String] = [.institution: "fixmedins_code", .person: "psn_no", .employer: "employer_id"]

    /// A role of `binding` must have the binding (`bound`), every other role must not: `one` names it for
    /// the first case ("必须绑定一家…"), `any` for the second ("不能绑定…").
    static func check(_ role: Role, _ binding: Role.Binding, bound: Bool, _ one: (String, String), _ any: (String, String)) throws(DomainError) {
        let needed = role.binding == binding
        guard needed != bound else { return }
        let (zh, en) = needed ? ("必须绑定\(one.0)", "must be bound to \(one.1)") : ("不能绑定\(any.0)", "must not be bound to \(any.1)")
        throw DomainError(code: "PRINCIPAL_BINDING", message: "角色“\(role.displayName)”\(zh)", messageEn: "role \(role.rawValue) \(en)",
                          path: field[binding])
    }
}
