/// A person's enrolment as a value-type state machine: each operation checks the transition is allowed
/// in the current state and appends its event, so the history only ever holds a legal sequence.
///
/// ```
/// notEnrolled ─enrol→ active ─interrupt→ interrupted ─resume→ active
///                     active ─transfer→ active (new region)
///          active | interrupted ─terminate→ terminated ─enrol→ active (not after death)
/// ```
/// One basic scheme at a time: enrolling while active or interrupted is refused naming the existing
/// scheme. Events are dated and must not go back in time.
public struct EnrolmentHistory: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        case notEnrolled
        case active(InsuredScheme, since: LocalDate)
        case interrupted(InsuredScheme, since: LocalDate)
        case terminated(InsuredScheme, on: LocalDate, reason: TerminationReason)
    }

    public private(set) var events: [EnrolmentEvent] = []
    public private(set) var state: State = .notEnrolled
    /// The category of the latest enrolment (the waiting rule is chosen by it).
    public private(set) var category: PersonCategory?

    public init() {}

    /// Rebuilds a history from stored events, checking every transition again.
    public init(replaying events: [EnrolmentEvent]) throws(DomainError) {
        for (i, event) in events.enumerated() {
            do { try apply(event) } catch { throw error.at("events[\(i)]") }
        }
    }

    /// The scheme currently held (active or interrupted), if any.
    public var scheme: InsuredScheme? {
        switch state {
        case .active(let s, _), .interrupted(let s, _): return s
        case .notEnrolled, .terminated: return nil
        }
    }

    public mutating func enrol(_ scheme: InsuredScheme, category: PersonCategory, on date: LocalDate) throws(DomainError) {
        try apply(.enrolled(on: date, scheme: scheme, category: category))
    }

    public mutating func interrupt(on date: LocalDate) throws(DomainError) { try apply(.interrupted(on: date)) }

    public mutating func resume(on date: LocalDate, gapPaidOn: LocalDate?) throws(DomainError) {
        try apply(.resumed(on: date, gapPaidOn: gapPaidOn))
    }

    public mutating func transfer(to region: RegionCode, on date: LocalDate) throws(DomainError) {
        try apply(.transferred(on: date, to: region))
    }

    public mutating func terminate(_ reason: TerminationReason, on date: LocalDate) throws(DomainError) {
        try apply(.terminated(on: date, reason: reason))
    }

    /// Checks one transition against the current state and records it.
    public mutating func apply(_ event: EnrolmentEvent) throws(DomainError) {
        if let last = events.last, event.date < last.date {
            throw EnrolmentError.backwards(event.date, last: last.date)
        }
        switch (state, event) {
        case (.notEnrolled, .enrolled(let d, let s, let c)):
            state = .active(s, since: d)
            category = c
        case (.terminated(_, _, let reason), .enrolled(let d, let s, let c)) where reason != .death:
            state = .active(s, since: d)
            category = c
        case (.active(let existing, _), .enrolled), (.interrupted(let existing, _), .enrolled):
            throw EnrolmentError.alreadyEnrolled(existing)
        case (.active(let s, _), .interrupted(let d)):
            state = .interrupted(s, since: d)
        case (.interrupted(let s, _), .resumed(let d, let paid)):
            if let paid, paid > d { throw EnrolmentError.paidAfterResumption(paid, d) }
            state = .active(s, since: d)
        case (.active(let s, let since), .transferred(_, let region)):
            guard region != s.region else { throw EnrolmentError.sameRegion(region) }
            state = .active(InsuredScheme(region: region, insutype: s.insutype), since: since)
        case (.active(let s, _), .terminated(let d, let r)), (.interrupted(let s, _), .terminated(let d, let r)):
            state = .terminated(s, on: d, reason: r)
        default:
            throw EnrolmentError.transition(from: state, event: event)
        }
        events.append(event)
    }
}

/// The reasons an enrolment change is refused.
enum EnrolmentError {
    static func alreadyEnrolled(_ scheme: InsuredScheme) -> DomainError {
        DomainError(.conflict, code: "ENROLMENT_DUPLICATE",
                    message: "已在统筹区 \(scheme.region) 参加险种 \(scheme.insutype.rawValue)（\(scheme.insutype.name)），同一时间只能参加一项基本医疗保险",
                    messageEn: "already enrolled in scheme \(scheme.insutype.rawValue) in region \(scheme.region); one basic scheme at a time")
    }
    static func backwards(_ date: LocalDate, last: LocalDate) -> DomainError {
        DomainError(code: "ENROLMENT_DATE_ORDER", message: "变动日期 \(date) 早于上一次变动 \(last)",
                    messageEn: "change dated \(date) precedes the previous change of \(last)", path: "date")
    }
    static func paidAfterResumption(_ paid: LocalDate, _ resumed: LocalDate) -> DomainError {
        DomainError(code: "ENROLMENT_GAP_PAID_LATER", message: "补缴日期 \(paid) 晚于续保日期 \(resumed)：请在补缴后登记续保",
                    messageEn: "the gap was paid on \(paid), after the resumption on \(resumed); record the resumption once paid", path: "gap_paid_on")
    }
    static func sameRegion(_ region: RegionCode) -> DomainError {
        DomainError(code: "ENROLMENT_TRANSFER_SAME_REGION", message: "转入统筹区 \(region) 与当前相同",
                    messageEn: "the transfer target \(region) is the current region", path: "to")
    }
    static func transition(from state: EnrolmentHistory.State, event: EnrolmentEvent) -> DomainError {
        let (zh, en): (String, String)
        switch state {
        case .notEnrolled: (zh, en) = ("未参保", "not enrolled")
        case .active: (zh, en) = ("参保中", "active")
        case .interrupted: (zh, en) = ("中断", "interrupted")
        case .terminated(_, _, .death): (zh, en) = ("已因死亡终止", "terminated by death")
        case .terminated: (zh, en) = ("已终止", "terminated")
        }
        let (actionZh, actionEn): (String, String)
        switch event {
        case .enrolled: (actionZh, actionEn) = ("参保", "enrol")
        case .interrupted: (actionZh, actionEn) = ("中断", "interrupt")
        case .resumed: (actionZh, actionEn) = ("续保", "resume")
        case .transferred: (actionZh, actionEn) = ("转移", "transfer")
        case .terminated: (actionZh, actionEn) = ("终止", "terminate")
        }
        return DomainError(.conflict, code: "ENROLMENT_TRANSITION", message: "当前状态为“\(zh)”，不能\(actionZh)",
                           messageEn: "cannot \(actionEn) while \(en)")
    }
}
