/// One change of a person's enrolment (参保登记), as recorded; the history replays them in order.
public enum EnrolmentEvent: Sendable, Equatable {
    /// 参保: a new enrolment in `scheme` as `category`; the first-enrolment waiting period starts.
    case enrolled(on: LocalDate, scheme: InsuredScheme, category: PersonCategory)
    /// 中断: contributions stopped; nothing is paid for costs from this day until resumption.
    case interrupted(on: LocalDate)
    /// 续保: contributions restart; `gapPaidOn` is the day the gap's arrears were paid (补缴), nil when not.
    case resumed(on: LocalDate, gapPaidOn: LocalDate?)
    /// 转移接续: the enrolment moves to another region's same scheme, keeping years, waiting and account.
    case transferred(on: LocalDate, to: RegionCode)
    /// 终止: death, emigration or another end; nothing is paid from this day.
    case terminated(on: LocalDate, reason: TerminationReason)

    public var date: LocalDate {
        switch self {
        case .enrolled(let d, _, _), .interrupted(let d), .resumed(let d, _), .transferred(let d, _), .terminated(let d, _): return d
        }
    }
}

/// Why an enrolment ended. After death nothing can follow; after the others a new enrolment may.
public enum TerminationReason: String, Sendable, Codable, CaseIterable {
    case death
    case emigration
    /// Moved to another scheme (e.g. a resident who takes a job) or any other end of membership.
    case other
}
