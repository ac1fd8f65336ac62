import YibaoCore

extension Principal {
    /// The principal for a stored user; a row with an unknown role is refused, not guessed. The server
    /// builds its callers with it, and the CLI the user a maker-checker command acts as.
    public init(_ user: UserRecord) throws {
        guard let role = Role(rawValue: user.role) else {
            throw DomainError(.forbidden, code: "ROLE_UNKNOWN", message: "用户角色无效：\(user.role)",
                              messageEn: "user has an unknown role \(user.role)")
        }
        try self.init(userID: user.id, username: user.username, role: role, region: try RegionCode.parse(user.region),
                      institutionCode: user.institution, personID: user.personID, employerID: user.employerID)
    }

    public var auditActor: AuditActor { AuditActor(name: username, role: role.rawValue, region: region.value) }
}
