import Foundation
import Testing
@testable import YibaoCore

@Suite("Authorization (roles and scope)")
struct AuthorizationTests {
    static let benxi = try! RegionCode.parse("210500")        // city pooling region
    static let pingshan = try! RegionCode.parse("210502")     // a county of it
    static let dandong = try! RegionCode.parse("210600")      // another city of the province
    static let liaoning = try! RegionCode.parse("210000")
    static let beijing = try! RegionCode.parse("110000")

    static func agency(_ role: Role, _ region: RegionCode = benxi) -> Principal {
        try! Principal(userID: 1, username: "u_\(role.rawValue)", role: role, region: region)
    }
    static let hospitalA = try! Principal(userID: 2, username: "his_a", role: .institutionUser, region: pingshan,
                                          institutionCode: "H21050200001")
    static let hisA = try! Principal(userID: 3, username: "his_token_a", role: .systemClient, region: pingshan,
                                     institutionCode: "H21050200001")
    static let insured42 = try! Principal(userID: 4, username: "p42", role: .insuredPerson, region: pingshan, personID: 42)
    static let employer7 = try! Principal(userID: 5, username: "unit7", role: .employerUser, region: pingshan, employerID: 7)

    /// The error `check` throws, or nil when it allows the action.
    func refusal(_ principal: Principal, _ permission: Permission, _ scope: Scope) -> DomainError? {
        do {
            try Authorization.check(principal, permission, scope)
            return nil
        } catch {
            return error
        }
    }

    @Test func roleRawValuesAreTheStoredNames() {
        #expect(Role.allCases.map(\.rawValue) == [
            "administrator", "enrolment_clerk", "collection_clerk", "claims_reviewer", "auditor", "fund_accountant",
            "complaint_handler", "analyst", "institution_user", "insured_person", "system_client", "employer_user",
        ])
        #expect(Role.allCases.allSatisfy { !$0.displayName.isEmpty && !$0.displayNameEn.isEmpty })
        #expect(Permission.allCases.allSatisfy { !$0.displayName.isEmpty && !$0.displayNameEn.isEmpty })
    }

    @Test func clerkCannotWritePolicyAdministratorCan() {
        let scope = Scope(region: Self.benxi)
        let error = refusal(Self.agency(.enrolmentClerk), .policyWrite, scope)
        #expect(error?.code == "FORBIDDEN_ROLE")
        #expect(error?.kind == .forbidden)
        #expect(error?.message == "角色“参保登记经办员”无权编辑政策（policy.write）")
        #expect(error?.messageEn == "role enrolment_clerk may not edit policies (policy.write)")
        #expect(refusal(Self.agency(.administrator), .policyWrite, scope) == nil)
        #expect(refusal(Self.agency(.administrator), .policyWrite, Scope(region: Self.pingshan)) == nil)
    }

    @Test func administratorStaysInsideItsRegion() {
        let admin = Self.agency(.administrator)
        #expect(refusal(admin, .policyWrite, Scope(region: Self.dandong))?.code == "FORBIDDEN_SCOPE")
        #expect(refusal(admin, .policyWrite, Scope(region: Self.liaoning))?.code == "FORBIDDEN_SCOPE")
        let error = refusal(admin, .settlementRead, Scope(region: Self.beijing))
        #expect(error?.code == "FORBIDDEN_SCOPE")
        #expect(error?.message.contains("行政区划 210500") == true)
        #expect(error?.message.contains("110000") == true)
    }

    @Test func analystIsReadOnly() {
        let analyst = Self.agency(.analyst)
        #expect(Role.analyst.permissions.allSatisfy { $0.isReadOnly })
        #expect(!Authorization.mayReadFullIdentity(analyst))
        for permission in Permission.allCases where !permission.isReadOnly {
            #expect(refusal(analyst, permission, Scope(region: Self.benxi))?.code == "FORBIDDEN_ROLE", "\(permission)")
        }
        #expect(refusal(analyst, .reportRead, Scope(region: Self.pingshan)) == nil)
        #expect(refusal(analyst, .settlementRead, Scope(region: Self.benxi, institutionCode: "H21050200001")) == nil)
    }

    @Test func institutionUserReadsOnlyItsOwnInstitutionsSettlements() {
        let own = Scope(region: Self.pingshan, institutionCode: "H21050200001", personID: 7)
        let other = Scope(region: Self.pingshan, institutionCode: "H21050200002", personID: 7)
        #expect(refusal(Self.hospitalA, .settlementRead, own) == nil)
        let error = refusal(Self.hospitalA, .settlementRead, other)
        #expect(error?.code == "FORBIDDEN_SCOPE")
        #expect(error?.kind == .forbidden)
        #expect(error?.message.contains("本机构（H21050200001）") == true)
        #expect(error?.message.contains("H21050200002") == true)
        // A target naming no institution (a region-wide list) is not theirs either.
        #expect(refusal(Self.hospitalA, .settlementRead, Scope(region: Self.pingshan))?.code == "FORBIDDEN_SCOPE")
        // Patients insured elsewhere (异地就医) are settled at their own institution: region is not compared.
        #expect(refusal(Self.hospitalA, .settlementWrite, Scope(region: Self.beijing, institutionCode: "H21050200001", personID: 9)) == nil)
    }

    @Test func institutionUserCannotDoAgencyWork() {
        let own = Scope(region: Self.pingshan, institutionCode: "H21050200001")
        #expect(refusal(Self.hospitalA, .claimReview, own)?.code == "FORBIDDEN_ROLE")
        #expect(refusal(Self.hospitalA, .claimPay, own)?.code == "FORBIDDEN_ROLE")
        #expect(refusal(Self.hospitalA, .claimSubmit, own) == nil)
    }

    @Test func systemClientSettlesButReadsNoPolicy() {
        let own = Scope(region: Self.pingshan, institutionCode: "H21050200001", personID: 7)
        #expect(refusal(Self.hisA, .settlementWrite, own) == nil)
        #expect(refusal(Self.hisA, .settlementCancel, own) == nil)
        #expect(refusal(Self.hisA, .policyRead, Scope(region: Self.benxi))?.code == "FORBIDDEN_ROLE")
        #expect(refusal(Self.hisA, .personWrite, own)?.code == "FORBIDDEN_ROLE")
    }

    @Test func insuredPersonSeesOnlyThemself() {
        #expect(refusal(Self.insured42, .settlementRead, Scope(region: Self.pingshan, institutionCode: "H21050200001", personID: 42)) == nil)
        #expect(refusal(Self.insured42, .accountRead, Scope(region: Self.pingshan, personID: 42)) == nil)
        let error = refusal(Self.insured42, .accountRead, Scope(region: Self.pingshan, personID: 43))
        #expect(error?.code == "FORBIDDEN_SCOPE")
        #expect(error?.message == "参保人只能查看和办理本人的业务")
        #expect(refusal(Self.insured42, .settlementRead, Scope(region: Self.pingshan))?.code == "FORBIDDEN_SCOPE")
        #expect(refusal(Self.insured42, .settlementCancel, Scope(region: Self.pingshan, personID: 42))?.code == "FORBIDDEN_ROLE")
    }

    @Test func employerUserActsOnlyOnItsOwnEmployer() {
        let own = Scope(region: Self.pingshan, employerID: 7)
        #expect(refusal(Self.employer7, .employerRead, own) == nil)
        #expect(refusal(Self.employer7, .employerDeclare, own) == nil)
        #expect(refusal(Self.employer7, .contributionRead, own) == nil)
        let other = refusal(Self.employer7, .contributionRead, Scope(region: Self.pingshan, employerID: 8))
        #expect(other?.code == "FORBIDDEN_SCOPE")
        #expect(other?.kind == .forbidden)
        #expect(other?.message == "用户“unit7”只能办理本单位（参保单位 210502/7）的业务，目标属于参保单位 210502/8")
        #expect(other?.messageEn == "user unit7 may act only on data of their own employer 210502/7; the target belongs to employer 210502/8")
        // The same id under another region is another key, and a target naming no employer (a region's
        // lists, a person's own records) is not the employer's.
        #expect(refusal(Self.employer7, .employerRead, Scope(region: Self.benxi, employerID: 7))?.code == "FORBIDDEN_SCOPE")
        let region = refusal(Self.employer7, .contributionRead, Scope(region: Self.pingshan))
        #expect(region?.message.hasSuffix("目标不属于本单位") == true)
        #expect(refusal(Self.employer7, .contributionRead, Scope(region: Self.pingshan, personID: 42))?.code == "FORBIDDEN_SCOPE")
        // What a unit's online hall does not do.
        for permission: Permission in [.employerWrite, .contributionWrite, .contributionReconcile, .contributionApprove, .personRead,
                                       .accountRead, .settlementRead, .enrolmentRead, .policyWrite] {
            #expect(refusal(Self.employer7, permission, own)?.code == "FORBIDDEN_ROLE", "\(permission)")
        }
        // The published reference set, by region like everyone.
        #expect(refusal(Self.employer7, .policyRead, Scope(region: Self.benxi)) == nil)
        #expect(refusal(Self.employer7, .policyRead, Scope(region: Self.beijing))?.code == "FORBIDDEN_SCOPE")
        #expect(!Authorization.mayReadFullIdentity(Self.employer7))
    }

    @Test func agencyScopeIsTheRegionAndBelow() {
        let cityClerk = Self.agency(.enrolmentClerk, Self.benxi)
        #expect(refusal(cityClerk, .personWrite, Scope(region: Self.benxi)) == nil)
        #expect(refusal(cityClerk, .personWrite, Scope(region: Self.pingshan, personID: 1)) == nil)
        #expect(refusal(cityClerk, .personWrite, Scope(region: Self.dandong))?.code == "FORBIDDEN_SCOPE")
        let countyClerk = Self.agency(.enrolmentClerk, Self.pingshan)
        #expect(refusal(countyClerk, .personWrite, Scope(region: Self.pingshan)) == nil)
        #expect(refusal(countyClerk, .personWrite, Scope(region: Self.benxi))?.code == "FORBIDDEN_SCOPE")
        let provincial = Self.agency(.auditor, Self.liaoning)
        #expect(refusal(provincial, .settlementRead, Scope(region: Self.pingshan)) == nil)
        #expect(refusal(provincial, .settlementRead, Scope(region: Self.dandong)) == nil)
        #expect(refusal(provincial, .settlementRead, Scope(region: Self.beijing))?.code == "FORBIDDEN_SCOPE")
    }

    @Test func referenceReadsReachTheRegionsAboveAndBelow() {
        // The county clerk reads the city policy that governs it; the insured person too; not Beijing's.
        let countyClerk = Self.agency(.enrolmentClerk, Self.pingshan)
        #expect(refusal(countyClerk, .policyRead, Scope(region: Self.benxi)) == nil)
        #expect(refusal(countyClerk, .policyRead, Scope(region: Self.liaoning)) == nil)
        #expect(refusal(Self.insured42, .policyRead, Scope(region: Self.benxi)) == nil)
        #expect(refusal(Self.insured42, .institutionDirectory, Scope(region: Self.benxi)) == nil)
        #expect(refusal(Self.hospitalA, .catalogueRead, Scope(region: Self.liaoning)) == nil)
        let error = refusal(Self.insured42, .policyRead, Scope(region: Self.beijing))
        #expect(error?.code == "FORBIDDEN_SCOPE")
        #expect(error?.message.contains("公开资料") == true)
        #expect(refusal(Self.insured42, .policyRead, Scope(region: Self.dandong))?.code == "FORBIDDEN_SCOPE")
        // Writing stays strictly within the region and below.
        #expect(refusal(Self.agency(.administrator, Self.pingshan), .policyWrite, Scope(region: Self.benxi))?.code == "FORBIDDEN_SCOPE")
    }

    @Test func denyByDefault() {
        // Each non-administrator role is refused something; only the administrator holds every permission.
        for role in Role.allCases where role != .administrator {
            #expect(role.permissions.count < Permission.allCases.count, "\(role)")
        }
        #expect(Role.administrator.permissions == Set(Permission.allCases))
        #expect(!Role.insuredPerson.permissions.contains(.personWrite))
        #expect(!Role.systemClient.permissions.contains(.userManage))
    }

    @Test func fullIdentityOnlyForRolesHoldingThePermission() throws {
        let id = try IdentityNumber.parse("11010519491231002X")
        #expect(Authorization.mayReadFullIdentity(Self.agency(.enrolmentClerk)))
        #expect(Authorization.identityText(id, for: Self.agency(.enrolmentClerk)) == "11010519491231002X")
        #expect(Authorization.identityText(id, for: Self.agency(.analyst)) == "110105********002X")
        #expect(Authorization.identityText(id, for: Self.insured42) == "110105********002X")
        #expect(Authorization.identityText(id, for: Self.hisA) == "110105********002X")
    }

    @Test func principalBindingsMustMatchTheRole() {
        let missingInstitution = #expect(throws: DomainError.self) {
            try Principal(userID: 9, username: "x", role: .institutionUser, region: Self.pingshan)
        }
        #expect(missingInstitution?.code == "PRINCIPAL_BINDING")
        #expect(missingInstitution?.message == "角色“定点医药机构用户”必须绑定一家定点机构")
        #expect(throws: DomainError.self) {
            try Principal(userID: 9, username: "x", role: .systemClient, region: Self.pingshan, institutionCode: "")
        }
        #expect(throws: DomainError.self) {
            try Principal(userID: 9, username: "x", role: .claimsReviewer, region: Self.benxi, institutionCode: "H21050200001")
        }
        #expect(throws: DomainError.self) { try Principal(userID: 9, username: "x", role: .insuredPerson, region: Self.pingshan) }
        #expect(throws: DomainError.self) {
            try Principal(userID: 9, username: "x", role: .analyst, region: Self.benxi, personID: 42)
        }
        #expect(throws: DomainError.self) {
            try Principal(userID: 9, username: "x", role: .institutionUser, region: Self.pingshan,
                          institutionCode: "H21050200001", personID: 42)
        }
        let missingEmployer = #expect(throws: DomainError.self) { try Principal(userID: 9, username: "x", role: .employerUser, region: Self.benxi) }
        #expect(missingEmployer?.message == "角色“参保单位经办人”必须绑定一家参保单位")
        #expect(missingEmployer?.messageEn == "role employer_user must be bound to one employer")
        let clerkWithEmployer = #expect(throws: DomainError.self) {
            try Principal(userID: 9, username: "x", role: .collectionClerk, region: Self.benxi, employerID: 7)
        }
        #expect(clerkWithEmployer?.message == "角色“征缴经办员”不能绑定参保单位")
    }

    @Test func principalCodableRechecksBindings() throws {
        let json = try JSONEncoder().encode(Self.hospitalA)
        #expect(try JSONDecoder().decode(Principal.self, from: json) == Self.hospitalA)
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains("\"fixmedins_code\":\"H21050200001\""))
        let unbound = #"{"user_id":5,"username":"x","role":"institution_user","region":"210502"}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Principal.self, from: Data(unbound.utf8)) }
        #expect(try JSONDecoder().decode(Principal.self, from: JSONEncoder().encode(Self.employer7)) == Self.employer7)
        let unboundEmployer = #"{"user_id":5,"username":"x","role":"employer_user","region":"210502"}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Principal.self, from: Data(unboundEmployer.utf8)) }
    }
}
