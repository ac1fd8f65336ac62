extension Role {
    /// What the role may do. Deny by default: an action missing here is refused, whatever the scope.
    public var permissions: Set<Permission> { Role.table[self]! }

    /// The one table. Maker-checker pairs (`enrolment.write`/`.approve`, `contribution.write`/`.approve`)
    /// sit with the same clerk role: the rule that the checker is a different user belongs to the workflow.
    private static let table: [Role: Set<Permission>] = {
        let reference = Permission.reference
        let table: [Role: Set<Permission>] = [
            .administrator: Set(Permission.allCases),
            .enrolmentClerk: reference.union([
                .personRead, .personWrite, .personReadFullIdentity, .employerRead, .employerWrite, .employerDeclare,
                .enrolmentRead, .enrolmentWrite, .enrolmentApprove, .contributionRead, .accountRead,
            ]),
            .collectionClerk: reference.union([
                .personRead, .employerRead, .enrolmentRead, .contributionRead, .contributionWrite,
                .contributionReconcile, .contributionApprove, .accountRead,
            ]),
            .claimsReviewer: reference.union([
                .personRead, .enrolmentRead, .institutionRead, .settlementRead, .claimRead, .claimReview,
                .monitoringRead, .monitoringReview,
            ]),
            .auditor: reference.union([
                .auditRead, .auditVerify, .personRead, .enrolmentRead, .contributionRead, .accountRead,
                .institutionRead, .settlementRead, .claimRead, .monitoringRead, .monitoringWrite,
                .monitoringReview, .complaintRead, .fundRead, .reportRead,
            ]),
            .fundAccountant: reference.union([
                .contributionRead, .contributionReconcile, .accountRead, .institutionRead, .settlementRead,
                .claimRead, .claimPay, .fundRead, .fundWrite, .reportRead,
            ]),
            .complaintHandler: reference.union([
                .personRead, .enrolmentRead, .institutionRead, .settlementRead, .complaintRead, .complaintHandle,
            ]),
            .analyst: reference.union([
                .personRead, .employerRead, .enrolmentRead, .contributionRead, .accountRead, .institutionRead,
                .settlementRead, .claimRead, .monitoringRead, .complaintRead, .fundRead, .reportRead,
            ]),
            .institutionUser: reference.union([
                .catalogueDeclare, .institutionRead, .personRead, .settlementRead, .settlementWrite,
                .settlementCancel, .claimRead, .claimSubmit, .monitoringRead, .monitoringAppeal, .complaintRead,
            ]),
            .systemClient: [
                .catalogueRead, .catalogueDeclare, .personRead, .settlementRead, .settlementWrite,
                .settlementCancel, .claimRead, .claimSubmit, .monitoringRead,
            ],
            // What a unit does in its online service hall (单位网厅): reads its record, roster, bills, arrears and
            // payments, declares hires, leaves, bases and wage totals. It neither imports statements nor
            // approves anything, and reads no person's records beyond what its own bills show.
            .employerUser: reference.union([.employerRead, .employerDeclare, .contributionRead]),
            .insuredPerson: reference.union([
                .personRead, .enrolmentRead, .contributionRead, .accountRead, .settlementRead,
                .complaintRead, .complaintSubmit,
            ]),
        ]
        precondition(Set(table.keys) == Set(Role.allCases), "every role needs a row")
        return table
    }()
}
