extension Eligibility {
    /// Whether the person with this enrolment `history` and these `arrears` is covered on `date`, and why
    /// not (issue 4 item 3). Pure; the store loads the history and the arrears and calls it.
    ///
    /// Order of the reasons: not enrolled / terminated, interrupted, waiting period, arrears (a debt under
    /// a deferral agreement does not stop benefits). Only events dated on or before `date` count, so the
    /// answer for a past date is what was true then (a gap that was later back-paid is still a gap).
    ///
    /// Waiting periods (`contributions.waiting`, chosen by the enrolment's category and `statuses`):
    /// a first enrolment waits `first_enrolment_months` from the enrolment day; a resumption waits
    /// `after_interruption_months` from the day the gap was paid — or from the first enrolment months
    /// again when the gap was longer than `restart_after_gap_months`, or was not paid and
    /// `unpaid_gap_restarts` is set. A transfer keeps whatever waiting period was running.
    public static func evaluate(history: EnrolmentHistory, arrears: [Arrear], on date: LocalDate,
                                policy: ContributionPolicy, statuses: SpecialStatuses = []) -> CoverageAnswer {
        let past = history.events.filter { $0.date <= date }
        // The history only holds legal sequences, so its prefix replays without error.
        let state = (try? EnrolmentHistory(replaying: past))?.state ?? .notEnrolled
        var rule: WaitingRule?
        var waitingEnd: LocalDate?
        var gapStart: LocalDate?
        for event in past {
            switch event {
            case .enrolled(let d, _, let category):
                rule = policy.waiting.firstMatch(category: category, statuses: statuses)?.rule
                waitingEnd = WaitingRule.end(of: rule?.firstEnrolmentMonths ?? 0, startingOn: d)
            case .interrupted(let d):
                gapStart = d
            case .resumed(let d, let paidOn):
                waitingEnd = resumedWaitingEnd(rule, gapStart: gapStart ?? d, resumed: d, paidOn: paidOn)
            case .transferred, .terminated:
                break
            }
        }
        switch state {
        case .notEnrolled:
            return CoverageAnswer(status: .notEnrolled)
        case .terminated(_, let d, let reason):
            return CoverageAnswer(status: .terminated(on: d, reason: reason))
        case .interrupted(let s, let since):
            return CoverageAnswer(status: .interrupted(since: since), scheme: s)
        case .active(let s, _):
            if let end = waitingEnd, date < end {
                return CoverageAnswer(status: .waitingPeriod(until: end, accountOnly: rule?.accountOnly ?? false), scheme: s)
            }
            if let since = arrears.arrearsSince(on: date) {
                return CoverageAnswer(status: .arrears(since: since), scheme: s)
            }
            return CoverageAnswer(status: .covered, scheme: s)
        }
    }

    /// The first covered day after a resumption on `resumed` that ended a gap begun on `gapStart`.
    static func resumedWaitingEnd(_ rule: WaitingRule?, gapStart: LocalDate, resumed: LocalDate, paidOn: LocalDate?) -> LocalDate {
        guard let rule else { return resumed }
        let longGap = rule.restartAfterGapMonths.map { gapStart.adding(months: $0) < resumed } ?? false
        if longGap || (paidOn == nil && rule.unpaidGapRestarts) {
            return WaitingRule.end(of: rule.firstEnrolmentMonths, startingOn: resumed)
        }
        return WaitingRule.end(of: rule.afterInterruptionMonths, startingOn: paidOn ?? resumed)
    }
}
