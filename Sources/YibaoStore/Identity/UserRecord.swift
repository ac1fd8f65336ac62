/// A stored user: agency staff, an institution's user, an insured person, or a system client.
/// `role` holds a `Role` raw value; binding columns say whose data the user may touch.
public struct UserRecord: Sendable, Equatable, Codable {
    public var id: Int64
    public var username: String
    public var displayName: String
    public var role: String
    public var region: String
    public var institution: String?
    public var personID: Int64?
    /// The employer (of `region`) an employer user acts for.
    public var employerID: Int64?
    public var active: Bool
    /// The password was set by someone else (an administrator): the console asks for a new one first.
    public var passwordChangeRequired: Bool
    /// Wrong passwords since the last right one (`LockoutRule`).
    public var failedSignIns: Int
    /// Milliseconds since 1970 until which password sign-in is refused; nil when never locked or unlocked.
    public var lockedUntil: Int64?
    /// Milliseconds since 1970 when the password was last set (`PasswordRules.maximumAgeDays`).
    public var passwordChangedAt: Int64

    public init(id: Int64, username: String, displayName: String, role: String, region: String,
                institution: String? = nil, personID: Int64? = nil, employerID: Int64? = nil, active: Bool = true,
                passwordChangeRequired: Bool = false, failedSignIns: Int = 0, lockedUntil: Int64? = nil,
                passwordChangedAt: Int64 = 0) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.role = role
        self.region = region
        self.institution = institution
        self.personID = personID
        self.employerID = employerID
        self.active = active
        self.passwordChangeRequired = passwordChangeRequired
        self.failedSignIns = failedSignIns
        self.lockedUntil = lockedUntil
        self.passwordChangedAt = passwordChangedAt
    }
}
