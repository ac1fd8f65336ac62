import YibaoCore

/// The eligibility query's answer: covered or not, the reason in Chinese and English, and its date
/// (`until` for a waiting period, `since` for an interruption or arrears, `on` for a termination).
struct CoverageBody: Encodable, Sendable {
    var psn_no: String
    var on: String
    var covered: Bool
    var status: String
    var account_only: Bool
    var scheme: String?
    var reason: String?
    var reason_en: String?
    var since: String?
    var until: String?

    init(psnNo: Int64, on date: LocalDate, answer: CoverageAnswer) {
        psn_no = String(psnNo)
        on = date.description
        covered = answer.status == .covered
        scheme = answer.scheme?.description
        reason = answer.reason?.zh
        reason_en = answer.reason?.en
        account_only = false
        switch answer.status {
        case .covered: status = "covered"
        case .notEnrolled: status = "not_enrolled"
        case .terminated(let d, _): status = "terminated"; since = d.description
        case .interrupted(let d): status = "interrupted"; since = d.description
        case .waitingPeriod(let d, let accountOnly): status = "waiting_period"; until = d.description; account_only = accountOnly
        case .arrears(let d): status = "arrears"; since = d.description
        }
    }
}
