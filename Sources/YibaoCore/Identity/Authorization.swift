/// The one decision every route makes before acting: does this principal's role grant the permission, and
/// does the target lie within what the principal is bound to?
///
/// Scope rules, by the role's binding:
/// - agency: the target's region must be the principal's region or lie below it by prefix (a city user
///   of 210500 may act on 210500 and 210502, not on 210000 or 110105);
/// - institution: the target must name the principal's institution (`fixmedins_code`); its region is not
///   compared, because a hospital settles patients insured elsewhere (异地就医);
/// - person: the target must name the principal's own person;
/// - employer: the target must name the principal's own employer in the principal's region (its record,
///   roster, bases, bills, arrears and payments); anything that names no employer — a region's lists, a
///   person's own records — is not the employer's.
/// Reference reads (`Permission.reference`: published policies, catalogues, regions, the directory of
/// institutions) are scoped by region only, for every binding: the target region must contain the
/// principal's region or lie within it, so a county user can read the city policy that governs it.
public enum Authorization {
    public static func check(_ principal: Principal, _ permission: Permission, _ scope: Scope) throws(DomainError) {
        guard principal.role.permissions.contains(permission) else {
            throw DomainError(.forbidden, code: "FORBIDDEN_ROLE",
                              message: "角色“\(principal.role.displayName)”无权\(permission.displayName)（\(permission.rawValue)）",
                              messageEn: "role \(principal.role.rawValue) may not \(permission.displayNameEn) (\(permission.rawValue))")
        }
        if permission.isReference {
            guard principal.region.contains(scope.region) || scope.region.contains(principal.region) else {
                throw scopeError(
                    "用户“\(principal.username)”（行政区划 \(principal.region)）只能查看本区划及其上下级区划的公开资料，不能查看行政区划 \(scope.region) 的资料",
                    "user \(principal.username) of region \(principal.region) may read published data only of that region and the regions above and below it, not of \(scope.region)")
            }
            return
        }
        switch principal.role.binding {
        case .agency:
            guard principal.region.contains(scope.region) else {
                throw scopeError(
                    "用户“\(principal.username)”（行政区划 \(principal.region)）只能办理本区划及下级区划的业务，不能操作行政区划 \(scope.region) 的数据",
                    "user \(principal.username) of region \(principal.region) may act only on that region and the regions below it, not on \(scope.region)")
            }
        case .institution:
            guard let target = scope.institutionCode, target == principal.institutionCode else {
                let code = principal.institutionCode ?? ""
                throw scopeError(
                    "用户“\(principal.username)”只能操作本机构（\(code)）的数据，目标\(scope.institutionCode.map { "属于机构 \($0)" } ?? "不属于任何机构")",
                    "user \(principal.username) may act only on data of institution \(code); the target \(scope.institutionCode.map { "belongs to institution \($0)" } ?? "belongs to no institution")")
            }
        case .person:
            guard let target = scope.personID, target == principal.personID else {
                throw scopeError("参保人只能查看和办理本人的业务",
                                 "an insured person may act only on their own records")
            }
        case .employer:
            guard let target = scope.employerID, target == principal.employerID, scope.region == principal.region else {
                let own = principal.employerID.map(String.init) ?? ""
                let other = scope.employerID.map { "\(scope.region)/\($0)" }
                throw scopeError(
                    "用户“\(principal.username)”只能办理本单位（参保单位 \(principal.region)/\(own)）的业务，目标\(other.map { "属于参保单位 \($0)" } ?? "不属于本单位")",
                    "user \(principal.username) may act only on data of their own employer \(principal.region)/\(own); the target \(other.map { "belongs to employer \($0)" } ?? "is not the employer's")")
            }
        }
    }

    private static func scopeError(_ message: String, _ messageEn: String) -> DomainError {
        DomainError(.forbidden, code: "FORBIDDEN_SCOPE", message: message, messageEn: messageEn)
    }

    /// Whether the principal may see identity numbers unmasked (lists, exports and logs show `masked` otherwise).
    public static func mayReadFullIdentity(_ principal: Principal) -> Bool {
        principal.role.permissions.contains(.personReadFullIdentity)
    }

    /// The identity number as this principal may see it: full, or `210502********1234`.
    public static func identityText(_ number: IdentityNumber, for principal: Principal) -> String {
        mayReadFullIdentity(principal) ? number.value : number.masked
    }
}
