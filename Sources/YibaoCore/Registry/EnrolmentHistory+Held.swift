extension EnrolmentHistory {
    /// The first day from `from` through `through` on which an enrolment in one of `schemes` is held
    /// (active or interrupted): `from` itself when one is held then, else the day of an enrolment during the
    /// period (`joined`); nil when none is held at any time in it. Which year a resident owes, and which
    /// months an employee may back-pay, are decided by it.
    public static func firstDayHeld(_ events: [EnrolmentEvent], schemes: Set<Insutype>, from: LocalDate,
                                    through: LocalDate) -> (day: LocalDate, joined: Bool)? {
        switch (try? EnrolmentHistory(replaying: events.filter { $0.date <= from }))?.state {
        case .active(let scheme, _), .interrupted(let scheme, _):
            if schemes.contains(scheme.insutype) { return (from, false) }
        default:
            break
        }
        for case .enrolled(let day, let scheme, _) in events where from < day && day <= through && schemes.contains(scheme.insutype) {
            return (day, true)
        }
        return nil
    }
}
