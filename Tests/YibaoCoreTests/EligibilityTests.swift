import Testing
@testable import YibaoCore

/// The enrolment state machine and the eligibility answer the settlement engine obeys: waiting
/// periods, interruptions, arrears and deferrals, with the dates of each reason.
@Suite struct EligibilityTests {
    typealias F = ContributionFixture
    let municipal = InsuredScheme(region: F.municipalRegion, insutype: .employeeBasic)
    let xiamen = InsuredScheme(region: F.xiamenRegion, insutype: .employeeBasic)
    let benxi = InsuredScheme(region: F.benxiRegion, insutype: .residentBasic)

    func answer(_ history: EnrolmentHistory, _ arrears: [Arrear], _ date: String,
                _ policy: ContributionPolicy) -> CoverageAnswer {
        Eligibility.evaluate(history: history, arrears: arrears, on: F.date(date), policy: policy)
    }

    func answer(_ history: EnrolmentHistory, _ date: String, _ policy: ContributionPolicy) -> CoverageAnswer {
        answer(history, [], date, policy)
    }

    @Test func firstEnrolmentWaitsSixMonths() throws {
        var h = EnrolmentHistory()
        try h.enrol(municipal, category: .employee, on: F.date("2025-03-10"))
        // 002 L46, 6 months counting March as the first: covered from 2025-09-01.
        #expect(answer(h, "2025-03-09", F.municipal).status == .notEnrolled)
        let waiting = answer(h, "2025-08-31", F.municipal)
        #expect(waiting.status == .waitingPeriod(until: F.date("2025-09-01"), accountOnly: false))
        #expect(waiting.eligibility == .notCovered(.waitingPeriod))
        #expect(waiting.scheme == municipal)
        #expect(waiting.reason?.zh == "待遇等待期，2025-09-01 起享受统筹待遇")
        #expect(answer(h, "2025-09-01", F.municipal).eligibility == .covered)
    }

    @Test func resumptionWaitsThreeMonthsFromTheBackPayment() throws {
        var h = EnrolmentHistory()
        try h.enrol(municipal, category: .employee, on: F.date("2025-03-10"))
        try h.interrupt(on: F.date("2026-01-01"))
        var unpaid = h
        try h.resume(on: F.date("2026-04-10"), gapPaidOn: F.date("2026-04-10"))
        let gap = answer(h, "2026-02-01", F.municipal)
        #expect(gap.status == .interrupted(since: F.date("2026-01-01")))
        #expect(gap.eligibility == .notCovered(.interrupted))
        // Back-paid in April: 3 months → covered from 2026-07-01.
        #expect(answer(h, "2026-06-30", F.municipal).status == .waitingPeriod(until: F.date("2026-07-01"), accountOnly: false))
        #expect(answer(h, "2026-07-01", F.municipal).eligibility == .covered)
        // The gap stays a gap when asked later.
        #expect(answer(h, "2026-03-31", F.municipal).status == .interrupted(since: F.date("2026-01-01")))
        // Not back-paid: a new first enrolment (unpaid_gap_restarts): 6 months from April → 2026-10-01.
        try unpaid.resume(on: F.date("2026-04-10"), gapPaidOn: nil)
        #expect(answer(unpaid, "2026-09-30", F.municipal).status == .waitingPeriod(until: F.date("2026-10-01"), accountOnly: false))
    }

    @Test func arrearsStopBenefitsFromTheDayAfterTheDueDate() throws {
        var h = EnrolmentHistory()
        try h.enrol(municipal, category: .employee, on: F.date("2025-01-02"))
        let debt = Arrear(principal: F.money("880"), dueDate: F.date("2026-08-15"),
                          payments: [.init(date: F.date("2026-09-20"), amount: F.money("880"))])
        #expect(answer(h, [debt], "2026-08-15", F.municipal).eligibility == .covered)
        let owing = answer(h, [debt], "2026-09-10", F.municipal)
        #expect(owing.status == .arrears(since: F.date("2026-08-16")))
        #expect(owing.eligibility == .notCovered(.arrears))
        #expect(answer(h, [debt], "2026-09-20", F.municipal).eligibility == .covered)
        // A deferral agreement keeps benefits (002 L27).
        var deferred = debt
        deferred.deferrals = [Deferral(from: F.date("2026-08-01"), through: F.date("2026-12-31"))]
        #expect(answer(h, [deferred], "2026-09-10", F.municipal).eligibility == .covered)
    }

    @Test func xiamenWaitingPeriodsAllowTheAccount() throws {
        var h = EnrolmentHistory()
        try h.enrol(xiamen, category: .unemployed, on: F.date("2025-07-01"))
        // L103: 6 months personal account only.
        let first = answer(h, "2025-12-31", F.xiamen)
        #expect(first.status == .waitingPeriod(until: F.date("2026-01-01"), accountOnly: true))
        #expect(first.eligibility == .accountOnly(.waitingPeriod))
        // A 2-month gap (≤ 3): no new waiting on resumption.
        try h.interrupt(on: F.date("2026-03-01"))
        var long = h
        try h.resume(on: F.date("2026-04-15"), gapPaidOn: nil)
        #expect(answer(h, "2026-04-15", F.xiamen).eligibility == .covered)
        // A gap of more than 3 months: 6 months again from the resumption month.
        try long.resume(on: F.date("2026-07-02"), gapPaidOn: nil)
        #expect(answer(long, "2026-12-31", F.xiamen).status == .waitingPeriod(until: F.date("2027-01-01"), accountOnly: true))
        // Migrants: no waiting (covered while contributing).
        var migrant = EnrolmentHistory()
        try migrant.enrol(xiamen, category: .migrant, on: F.date("2025-07-20"))
        #expect(answer(migrant, "2025-07-20", F.xiamen).eligibility == .covered)
    }

    @Test func benxiResidentsWaitThreeMonthsFromTheContributionMonth() throws {
        var h = EnrolmentHistory()
        try h.enrol(benxi, category: .residentAdult, on: F.date("2025-01-20"))
        // R22: paid in January → covered after three full months, from 1 April.
        #expect(answer(h, "2025-03-31", F.benxi).status == .waitingPeriod(until: F.date("2025-04-01"), accountOnly: false))
        #expect(answer(h, "2025-04-01", F.benxi).eligibility == .covered)
        var student = EnrolmentHistory()
        try student.enrol(benxi, category: .student, on: F.date("2025-09-01"))
        #expect(answer(student, "2025-09-01", F.benxi).eligibility == .covered)
    }

    @Test func transferKeepsTheWaitingPeriodAndTerminationEndsCoverage() throws {
        var h = EnrolmentHistory()
        try h.enrol(municipal, category: .employee, on: F.date("2025-03-10"))
        try h.transfer(to: F.benxiRegion, on: F.date("2025-05-01"))
        let moved = answer(h, "2025-06-01", F.municipal)
        #expect(moved.status == .waitingPeriod(until: F.date("2025-09-01"), accountOnly: false))
        #expect(moved.scheme == InsuredScheme(region: F.benxiRegion, insutype: .employeeBasic))
        try h.terminate(.death, on: F.date("2026-02-03"))
        let ended = answer(h, "2026-02-03", F.municipal)
        #expect(ended.status == .terminated(on: F.date("2026-02-03"), reason: .death))
        #expect(ended.eligibility == .notCovered(.notEnrolled))
        #expect(answer(h, "2026-02-02", F.municipal).eligibility == .covered)
    }

    @Test func oneBasicSchemeAtATime() throws {
        var h = EnrolmentHistory()
        try h.enrol(municipal, category: .employee, on: F.date("2025-03-10"))
        let duplicate = #expect(throws: DomainError.self) {
            try h.enrol(self.benxi, category: .residentAdult, on: F.date("2025-04-01"))
        }
        #expect(duplicate?.code == "ENROLMENT_DUPLICATE")
        #expect(duplicate?.message.contains("329900") == true)
        try h.interrupt(on: F.date("2025-06-01"))
        #expect(throws: DomainError.self) { try h.enrol(self.benxi, category: .residentAdult, on: F.date("2025-07-01")) }
        // After an emigration a new enrolment is allowed; after death nothing is.
        try h.terminate(.emigration, on: F.date("2025-08-01"))
        try h.enrol(benxi, category: .residentAdult, on: F.date("2026-01-05"))
        #expect(h.scheme == benxi)
        try h.terminate(.death, on: F.date("2026-03-01"))
        #expect(throws: DomainError.self) { try h.enrol(self.benxi, category: .residentAdult, on: F.date("2026-04-01")) }
    }

    @Test func illegalTransitionsAreRefused() throws {
        var h = EnrolmentHistory()
        let notEnrolled = #expect(throws: DomainError.self) { try h.interrupt(on: F.date("2025-01-01")) }
        #expect(notEnrolled?.code == "ENROLMENT_TRANSITION")
        try h.enrol(municipal, category: .employee, on: F.date("2025-03-10"))
        #expect(throws: DomainError.self) { try h.resume(on: F.date("2025-04-01"), gapPaidOn: nil) }
        #expect(throws: DomainError.self) { try h.transfer(to: F.municipalRegion, on: F.date("2025-04-01")) }
        let backwards = #expect(throws: DomainError.self) { try h.interrupt(on: F.date("2025-03-01")) }
        #expect(backwards?.code == "ENROLMENT_DATE_ORDER")
        try h.interrupt(on: F.date("2025-05-01"))
        #expect(throws: DomainError.self) { try h.resume(on: F.date("2025-06-01"), gapPaidOn: F.date("2025-06-02")) }
        // Stored events replay to the same history; a bad one is named by its index.
        #expect(try EnrolmentHistory(replaying: h.events) == h)
        let bad = #expect(throws: DomainError.self) {
            try EnrolmentHistory(replaying: [.interrupted(on: F.date("2025-01-01"))])
        }
        #expect(bad?.path == "events[0]")
    }
}
