/// Who is acting, for the audit trail: a signed-in user, or the operator at the command line.
public struct AuditActor: Sendable, Equatable {
    public var name: String
    public var role: String
    public var region: String

    public init(name: String, role: String, region: String) {
        self.name = name
        self.role = role
        self.region = region
    }

    /// The operator running a `yibao` command on the server itself.
    public static func commandLine(region: String) -> AuditActor {
        AuditActor(name: "cli", role: "operator", region: region)
    }

    func event(action: String, target: String, before: String = "", after: String = "") -> AuditEvent {
        AuditEvent(region: region, actor: name, role: role, action: action, target: target, before: before, after: after)
    }
}
