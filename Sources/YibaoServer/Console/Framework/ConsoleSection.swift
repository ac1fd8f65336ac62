import YibaoCore

/// A page of the console that the menu links to. The menu is built from this list alone, and each
/// entry names the permission its route declares, so a role sees exactly the entries it may open
/// (deny by default). New sections are added here and in `ConsoleRoutes`.
struct ConsoleSection: Sendable, Equatable {
    let path: String
    /// Key of the menu label in `ConsoleText`.
    let label: String
    let permission: Permission
    /// Only principals of this binding see the entry (an institution page means nothing to an agency clerk).
    let binding: Role.Binding?

    static let dashboard = ConsoleSection(path: "/dashboard", label: "menu_dashboard", permission: .policyRead, binding: .agency)
    static let institution = ConsoleSection(path: "/institution", label: "menu_institution", permission: .institutionRead, binding: .institution)
    /// The institution portal's settlements by day (agency staff read settlements from a person's page).
    static let settlements = ConsoleSection(path: "/settlements", label: "menu_settlements", permission: .settlementRead, binding: .institution)
    /// Insured self-service: the signed-in person's own records.
    static let selfService = ConsoleSection(path: "/me", label: "menu_me", permission: .personRead, binding: .person)
    static let persons = ConsoleSection(path: "/persons", label: "menu_persons", permission: .personRead, binding: .agency)
    static let employers = ConsoleSection(path: "/employers", label: "menu_employers", permission: .employerRead, binding: .agency)
    /// An employer's own user: its page (record, roster, bills, arrears, payments, roster import).
    static let company = ConsoleSection(path: "/company", label: "menu_company", permission: .employerRead, binding: .employer)
    static let payments = ConsoleSection(path: "/payments", label: "menu_payments", permission: .contributionReconcile, binding: .agency)
    static let policies = ConsoleSection(path: "/policies", label: "menu_policies", permission: .policyRead, binding: nil)
    static let calculator = ConsoleSection(path: "/calculator", label: "menu_calculator", permission: .policyRead, binding: nil)
    static let audit = ConsoleSection(path: "/audit", label: "menu_audit", permission: .auditRead, binding: .agency)
    static let users = ConsoleSection(path: "/users", label: "menu_users", permission: .userManage, binding: .agency)

    static let all: [ConsoleSection] = [dashboard, institution, settlements, selfService, company, persons, employers, payments, policies, calculator,
                                        audit, users]

    func isVisible(to principal: Principal) -> Bool {
        principal.role.permissions.contains(permission) && (binding == nil || binding == principal.role.binding)
    }

    static func menu(for principal: Principal) -> [ConsoleSection] { all.filter { $0.isVisible(to: principal) } }

    /// Where a role lands after sign-in: auditors on the audit trail, institution users on their
    /// institution, insured persons on their own page, employer users on their employer, other agency
    /// staff on the dashboard; otherwise the first page the role may open.
    static func home(for principal: Principal) -> ConsoleSection? {
        let preferred: [ConsoleSection] = principal.role == .auditor ? [audit] : [institution, selfService, company, dashboard]
        return (preferred + all).first { $0.isVisible(to: principal) }
    }
}
