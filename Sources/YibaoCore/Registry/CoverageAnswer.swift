/// The answer to "is this person covered on this date, and if not why and since or until when" — what
/// an eligibility query returns to clerks and the API. `eligibility` is the settlement engine's view of
/// it (`Settlement/Eligibility.swift`), which keeps the reason but not the date.
public struct CoverageAnswer: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        case covered
        case notEnrolled
        /// Terminated on the date (death, emigration ...).
        case terminated(on: LocalDate, reason: TerminationReason)
        /// Interrupted since the date; costs in the gap are never paid.
        case interrupted(since: LocalDate)
        /// Waiting until the date (the first day covered); the personal account may pay when `accountOnly`.
        case waitingPeriod(until: LocalDate, accountOnly: Bool)
        /// In arrears since the date (the day after the oldest unpaid due date).
        case arrears(since: LocalDate)
    }

    public var status: Status
    /// The scheme held on the date (nil when not enrolled or terminated).
    public var scheme: InsuredScheme?

    public init(status: Status, scheme: InsuredScheme? = nil) {
        self.status = status
        self.scheme = scheme
    }

    /// What the settlement engine obeys. A termination reads as "not enrolled" there.
    public var eligibility: Eligibility {
        switch status {
        case .covered: return .covered
        case .notEnrolled, .terminated: return .notCovered(.notEnrolled)
        case .interrupted: return .notCovered(.interrupted)
        case .waitingPeriod(_, let accountOnly): return accountOnly ? .accountOnly(.waitingPeriod) : .notCovered(.waitingPeriod)
        case .arrears: return .notCovered(.arrears)
        }
    }

    /// The reason in Chinese and English, with its date; nil when covered.
    public var reason: (zh: String, en: String)? {
        switch status {
        case .covered: return nil
        case .notEnrolled: return ("未参保", "not enrolled")
        case .terminated(let d, let r): return ("参保已于 \(d) 终止（\(r.rawValue)）", "enrolment terminated on \(d) (\(r.rawValue))")
        case .interrupted(let d): return ("自 \(d) 起中断参保", "coverage interrupted since \(d)")
        case .waitingPeriod(let d, let accountOnly):
            return ("待遇等待期，\(d) 起享受统筹待遇" + (accountOnly ? "（等待期内仅可使用个人账户）" : ""),
                    "waiting period until \(d)" + (accountOnly ? " (personal account only meanwhile)" : ""))
        case .arrears(let d): return ("自 \(d) 起欠费，欠费期间发生的费用基金不予支付", "in arrears since \(d); costs incurred meanwhile are not paid")
        }
    }
}
