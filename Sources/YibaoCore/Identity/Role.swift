/// What a user is in the system. The role fixes both what the user may do (`permissions`, one table) and
/// what the user is bound to (`binding`): an agency user acts for a region, an institution user or a
/// hospital system for one designated institution, an employer's user for that employer, an insured
/// person for themself.
public enum Role: String, Sendable, Codable, CaseIterable {
    case administrator
    case enrolmentClerk = "enrolment_clerk"
    case collectionClerk = "collection_clerk"
    case claimsReviewer = "claims_reviewer"
    case auditor
    case fundAccountant = "fund_accountant"
    case complaintHandler = "complaint_handler"
    /// Read-only: statistics, reports, records with masked identity numbers.
    case analyst
    case institutionUser = "institution_user"
    case insuredPerson = "insured_person"
    /// A designated institution's HIS calling the interface with an API token.
    case systemClient = "system_client"
    /// A contributing employer's own staff (参保单位经办人), as in a unit online service hall (单位网厅).
    case employerUser = "employer_user"

    /// What a principal of this role is tied to, which decides how `Authorization` checks scope.
    public enum Binding: Sendable {
        case agency         // a region and every region below it
        case institution    // exactly one designated institution (fixmedins_code)
        case person         // exactly one insured person
        case employer       // exactly one contributing employer (region and employer id)
    }

    public var binding: Binding {
        switch self {
        case .administrator, .enrolmentClerk, .collectionClerk, .claimsReviewer, .auditor,
             .fundAccountant, .complaintHandler, .analyst:
            .agency
        case .institutionUser, .systemClient:
            .institution
        case .insuredPerson:
            .person
        case .employerUser:
            .employer
        }
    }

    public var displayName: String {
        switch self {
        case .administrator: "系统管理员"
        case .enrolmentClerk: "参保登记经办员"
        case .collectionClerk: "征缴经办员"
        case .claimsReviewer: "医疗费用审核员"
        case .auditor: "稽核员"
        case .fundAccountant: "基金会计"
        case .complaintHandler: "投诉举报处理员"
        case .analyst: "数据分析员（只读）"
        case .institutionUser: "定点医药机构用户"
        case .insuredPerson: "参保人"
        case .systemClient: "定点机构信息系统（HIS）"
        case .employerUser: "参保单位经办人"
        }
    }

    public var displayNameEn: String {
        switch self {
        case .administrator: "administrator"
        case .enrolmentClerk: "enrolment clerk"
        case .collectionClerk: "collection clerk"
        case .claimsReviewer: "claims reviewer"
        case .auditor: "auditor"
        case .fundAccountant: "fund accountant"
        case .complaintHandler: "complaint handler"
        case .analyst: "analyst (read-only)"
        case .institutionUser: "designated-institution user"
        case .insuredPerson: "insured person"
        case .systemClient: "institution system (HIS)"
        case .employerUser: "employer user"
        }
    }
}
