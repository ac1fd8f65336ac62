/// Who is acting: an authenticated user or system, with what it is bound to. A principal whose bindings
/// do not match its role cannot be built, so `Authorization` never meets an institution user without an
/// institution or an insured person without a person.
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

    public init(userID: Int64, username: String, role: Role, region: RegionCode,
                institutionCode: String? = nil, personID: Int64? = nil) throws(DomainError) {
        let needsInstitution = role.binding == .institution
        let needsPerson = role.binding == .person
        guard needsInstitution == (institutionCode.map { !$0.isEmpty } ?? false) else {
            throw needsInstitution
                ? PrincipalError.binding(role, "必须绑定一家定点机构", "must be bound to one designated institution")
                : PrincipalError.binding(role, "不能绑定定点机构", "must not be bound to an institution")
        }
        guard needsPerson == (personID != nil) else {
            throw needsPerson
                ? PrincipalError.binding(role, "必须绑定一名参保人", "must be bound to one insured person")
                : PrincipalError.binding(role, "不能绑定参保人", "must not be bound to a person")
        }
        self.userID = userID
        self.username = username
        self.role = role
        self.region = region
        self.institutionCode = institutionCode
        self.personID = personID
    }
}

extension Principal: Codable {
    enum CodingKeys: String, CodingKey {
        case userID = "user_id", username, role, region, institutionCode = "fixmedins_code", personID = "person_id"
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
                          personID: c.decodeIfPresent(Int64.self, forKey: .personID))
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
    }
}

enum PrincipalError {
    static func binding(_ role: Role, _ reason: String, _ reasonEn: String) -> DomainError {
        DomainError(code: "PRINCIPAL_BINDING", message: "角色“\(role.displayName)”\(reason)",
                    messageEn: "role \(role.rawValue) \(reasonEn)")
    }
}
