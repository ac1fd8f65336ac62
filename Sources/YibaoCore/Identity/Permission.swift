/// One action a route may require. Every route declares the permission it needs and the scope of its
/// target; `Role.permissions` is the one table that grants them, and anything not granted is refused.
///
/// Names are `area.action`. Read-only actions are listed in `readOnly`; reference reads (published
/// policies, catalogues, regions, the directory of designated institutions) in `reference`, because they
/// are scoped by region alone, for every kind of principal (see `Authorization.check`).
public enum Permission: String, Sendable, Codable, CaseIterable {
    case policyRead = "policy.read"
    case policyWrite = "policy.write"
    case regionRead = "region.read"
    case regionWrite = "region.write"
    case userManage = "user.manage"
    /// The hash-chained audit trail (who did what), not the claim-audit rules (`monitoring.*`).
    case auditRead = "audit.read"
    case auditVerify = "audit.verify"
    case personRead = "person.read"
    case personWrite = "person.write"
    /// See identity numbers unmasked; everyone else gets `IdentityNumber.masked`.
    case personReadFullIdentity = "person.readFullIdentity"
    case employerRead = "employer.read"
    case employerWrite = "employer.write"
    /// What an employer declares for itself: hires and leaves (增员/减员), the annual bases and wage totals.
    case employerDeclare = "employer.declare"
    case enrolmentRead = "enrolment.read"
    case enrolmentWrite = "enrolment.write"
    /// The checker's step of maker-checker approvals (new enrolments, retirements, transfers).
    case enrolmentApprove = "enrolment.approve"
    case contributionRead = "contribution.read"
    case contributionWrite = "contribution.write"
    /// Import and match bank and tax statements (钱账分离: the agency keeps the books, not the cash).
    case contributionReconcile = "contribution.reconcile"
    /// The checker's step for refunds and back-payments.
    case contributionApprove = "contribution.approve"
    case accountRead = "account.read"
    case accountWrite = "account.write"
    case settlementRead = "settlement.read"
    case settlementWrite = "settlement.write"
    case settlementCancel = "settlement.cancel"
    case catalogueRead = "catalogue.read"
    case catalogueWrite = "catalogue.write"
    /// An institution declares the drugs and items it provides (undeclared items are not paid).
    case catalogueDeclare = "catalogue.declare"
    /// Agreements, assessments, deposits of designated institutions.
    case institutionRead = "institution.read"
    case institutionWrite = "institution.write"
    /// The public list of designated institutions (name, grade, address).
    case institutionDirectory = "institution.directory"
    /// Monthly claims of institutions (申报), their review and payment (拨付).
    case claimRead = "claim.read"
    case claimSubmit = "claim.submit"
    case claimReview = "claim.review"
    case claimPay = "claim.pay"
    /// Intelligent monitoring (智能监控): rules, hits, reviews, appeals.
    case monitoringRead = "monitoring.read"
    case monitoringWrite = "monitoring.write"
    case monitoringReview = "monitoring.review"
    case monitoringAppeal = "monitoring.appeal"
    case complaintRead = "complaint.read"
    case complaintSubmit = "complaint.submit"
    case complaintHandle = "complaint.handle"
    case fundRead = "fund.read"
    case fundWrite = "fund.write"
    case reportRead = "report.read"

    /// Actions that change nothing.
    public static let readOnly: Set<Permission> = [
        .policyRead, .regionRead, .auditRead, .auditVerify, .personRead, .personReadFullIdentity,
        .employerRead, .enrolmentRead, .contributionRead, .accountRead, .settlementRead, .catalogueRead,
        .institutionRead, .institutionDirectory, .claimRead, .monitoringRead, .complaintRead, .fundRead,
        .reportRead,
    ]

    /// Published reference data, readable by anyone holding the permission for their own region and the
    /// regions above and below it.
    public static let reference: Set<Permission> = [.policyRead, .regionRead, .catalogueRead, .institutionDirectory]

    public var isReadOnly: Bool { Permission.readOnly.contains(self) }
    public var isReference: Bool { Permission.reference.contains(self) }

    public var displayName: String {
        switch self {
        case .policyRead: "查看政策"
        case .policyWrite: "编辑政策"
        case .regionRead: "查看统筹区"
        case .regionWrite: "维护统筹区"
        case .userManage: "管理用户和角色"
        case .auditRead: "查看操作日志"
        case .auditVerify: "校验操作日志"
        case .personRead: "查看参保人员"
        case .personWrite: "维护参保人员"
        case .personReadFullIdentity: "查看完整身份证号码"
        case .employerRead: "查看参保单位"
        case .employerWrite: "维护参保单位"
        case .employerDeclare: "申报增减员、缴费基数和工资总额"
        case .enrolmentRead: "查看参保登记"
        case .enrolmentWrite: "办理参保登记"
        case .enrolmentApprove: "审批参保业务"
        case .contributionRead: "查看缴费"
        case .contributionWrite: "核定和登记缴费"
        case .contributionReconcile: "征缴对账"
        case .contributionApprove: "审批退费和补缴"
        case .accountRead: "查看个人账户"
        case .accountWrite: "个人账户划入和转移"
        case .settlementRead: "查看结算"
        case .settlementWrite: "办理结算"
        case .settlementCancel: "撤销结算"
        case .catalogueRead: "查看医保目录"
        case .catalogueWrite: "维护医保目录"
        case .catalogueDeclare: "申报机构目录"
        case .institutionRead: "查看定点机构"
        case .institutionWrite: "管理定点机构和协议"
        case .institutionDirectory: "查看定点机构名录"
        case .claimRead: "查看月度申报"
        case .claimSubmit: "提交月度申报"
        case .claimReview: "审核月度申报"
        case .claimPay: "拨付医疗费用"
        case .monitoringRead: "查看智能监控结果"
        case .monitoringWrite: "维护审核规则"
        case .monitoringReview: "复核监控疑点"
        case .monitoringAppeal: "申诉扣款"
        case .complaintRead: "查看投诉举报"
        case .complaintSubmit: "提交投诉举报"
        case .complaintHandle: "受理和办理投诉举报"
        case .fundRead: "查看基金"
        case .fundWrite: "基金记账"
        case .reportRead: "查看统计报表"
        }
    }

    public var displayNameEn: String {
        switch self {
        case .policyRead: "read policies"
        case .policyWrite: "edit policies"
        case .regionRead: "read regions"
        case .regionWrite: "maintain regions"
        case .userManage: "manage users and roles"
        case .auditRead: "read the audit trail"
        case .auditVerify: "verify the audit trail"
        case .personRead: "read insured persons"
        case .personWrite: "maintain insured persons"
        case .personReadFullIdentity: "see full identity numbers"
        case .employerRead: "read employers"
        case .employerWrite: "maintain employers"
        case .employerDeclare: "declare an employer's hires and leaves, bases and wage totals"
        case .enrolmentRead: "read enrolments"
        case .enrolmentWrite: "record enrolments"
        case .enrolmentApprove: "approve enrolment business"
        case .contributionRead: "read contributions"
        case .contributionWrite: "assess and record contributions"
        case .contributionReconcile: "reconcile collections"
        case .contributionApprove: "approve refunds and back-payments"
        case .accountRead: "read personal accounts"
        case .accountWrite: "credit and transfer personal accounts"
        case .settlementRead: "read settlements"
        case .settlementWrite: "settle encounters"
        case .settlementCancel: "cancel settlements"
        case .catalogueRead: "read the catalogue"
        case .catalogueWrite: "maintain the catalogue"
        case .catalogueDeclare: "declare the institution's catalogue"
        case .institutionRead: "read designated institutions"
        case .institutionWrite: "manage designated institutions and agreements"
        case .institutionDirectory: "read the directory of designated institutions"
        case .claimRead: "read monthly claims"
        case .claimSubmit: "submit monthly claims"
        case .claimReview: "review monthly claims"
        case .claimPay: "pay institutions"
        case .monitoringRead: "read monitoring results"
        case .monitoringWrite: "maintain audit rules"
        case .monitoringReview: "review monitoring hits"
        case .monitoringAppeal: "appeal deductions"
        case .complaintRead: "read complaints"
        case .complaintSubmit: "submit complaints"
        case .complaintHandle: "handle complaints"
        case .fundRead: "read funds"
        case .fundWrite: "post fund entries"
        case .reportRead: "read reports"
        }
    }
}
