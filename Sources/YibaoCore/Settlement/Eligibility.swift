/// Whether the person is covered for this encounter (issue 5 item 4). Decided by the caller from
/// enrolment, contributions and the institution's status; the engine only obeys it: when not covered
/// no fund pays and the explanation gives the reason.
public enum Eligibility: Sendable, Equatable {
    case covered
    case notCovered(NotCoveredReason)
    /// No fund pays, but the personal account may (Xiamen L101/L103: in the six months after a first
    /// enrolment only the account's balance can be used).
    case accountOnly(NotCoveredReason)
}

public enum NotCoveredReason: String, Sendable, Codable, CaseIterable {
    case notEnrolled = "not_enrolled"                       // 未参保
    case waitingPeriod = "waiting_period"                   // 待遇等待期
    case interrupted                                        // 中断参保
    case arrears                                            // 欠费
    case institutionNotDesignated = "institution_not_designated" // 非定点机构
    case institutionSuspended = "institution_suspended"     // 定点机构暂停/终止
    case excluded                                           // 属于不予支付的情形

    var nameZh: String {
        switch self {
        case .notEnrolled: return "就诊日未参保"
        case .waitingPeriod: return "处于待遇等待期"
        case .interrupted: return "中断参保期间"
        case .arrears: return "欠费期间"
        case .institutionNotDesignated: return "就诊机构不是定点机构"
        case .institutionSuspended: return "就诊机构定点资格暂停或终止"
        case .excluded: return "属于基金不予支付的情形"
        }
    }

    var nameEn: String {
        switch self {
        case .notEnrolled: return "not enrolled on the encounter date"
        case .waitingPeriod: return "in the waiting period"
        case .interrupted: return "coverage interrupted"
        case .arrears: return "contributions in arrears"
        case .institutionNotDesignated: return "the institution is not designated"
        case .institutionSuspended: return "the institution's designation is suspended or terminated"
        case .excluded: return "the case is excluded from payment"
        }
    }
}
