import Testing
@testable import YibaoCore

/// Late fees, deferrals, partial payments and escalation of arrears, computed by hand.
@Suite struct ContributionArrearsTests {
    typealias F = ContributionFixture
    /// Xiamen preset: 0.05% a day from the day after the due date (the 15th of the next month).
    var fromDayAfterDue: LateFeeRule { F.xiamen.lateFees! }
    /// Municipal preset: 0.05% a day from the first day of the month after the due date (002 L27).
    var fromNextMonth: LateFeeRule { F.municipal.lateFees! }

    @Test func dueDatesAndFirstFeeDays() {
        #expect(fromDayAfterDue.dueDate(year: 2025, month: 1) == F.date("2025-02-15"))
        #expect(fromDayAfterDue.dueDate(year: 2025, month: 12) == F.date("2026-01-15"))
        #expect(fromDayAfterDue.firstFeeDay(due: F.date("2025-02-15")) == F.date("2025-02-16"))
        #expect(fromNextMonth.firstFeeDay(due: F.date("2025-02-15")) == F.date("2025-03-01"))
        // A due day beyond the month's end is the month's last day.
        let late = LateFeeRule(dailyRate: Ratio(basisPoints: 5), dueDay: 31, start: .dayAfterDue)
        #expect(late.dueDate(year: 2025, month: 1) == F.date("2025-02-28"))
    }

    /// `late_fees.back_payment_due`: the presets bill an employer's back-paid month due on the month's own due
    /// date (the fee runs since then) and a person paying alone due on the approval day; a rule without the
    /// key keeps every month's own due date.
    @Test func backPaidMonthsFallDueByPayer() {
        #expect(fromNextMonth.backPaymentDue == LateFeeRule.BackPaymentDues(employer: .monthDue, alone: .approval))
        #expect(fromDayAfterDue.backPaymentDue == LateFeeRule.BackPaymentDues(employer: .monthDue, alone: .approval))
        #expect(LateFeeRule(dailyRate: Ratio(basisPoints: 5), dueDay: 15, start: .nextMonth).backPaymentDue
                == LateFeeRule.BackPaymentDues(employer: .monthDue, alone: .monthDue))
        func april(_ due: LateFeeRule.BackPaymentDue) -> BackPayment.Month {
            BackPayment.Month(month: BillingMonth(year: 2025, month: 4), employerID: 0, base: F.money("4000"), employerShare: .zero,
                              individualShare: F.money("440"), dueDate: fromNextMonth.dueDate(year: 2025, month: 4), due: due)
        }
        #expect(april(.monthDue).billDue(approvedOn: F.date("2025-09-12")) == F.date("2025-05-15"))
        #expect(april(.approval).billDue(approvedOn: F.date("2025-09-12")) == F.date("2025-09-12"))
    }

    @Test func feeAccruesDailyAcrossAMonthBoundary() {
        let debt = Arrear(principal: F.money("1000"), dueDate: F.date("2025-02-15"))
        // Nothing on the due date itself.
        #expect(debt.lateFee(asOf: F.date("2025-02-15"), rule: fromDayAfterDue) == .zero)
        // 16–28 Feb = 13 days, 1–5 Mar = 5 days: 18 × 1000 × 0.05% = 9.00
        #expect(debt.lateFee(asOf: F.date("2025-03-05"), rule: fromDayAfterDue) == F.money("9.00"))
        // One rounding over all days: 1234.56 × 18 × 0.05% = 11.11104 → 11.11
        // (February alone 8.02464 → 8.02, March alone 3.0864 → 3.09: the sum agrees here).
        let odd = Arrear(principal: F.money("1234.56"), dueDate: F.date("2025-02-15"))
        #expect(odd.lateFee(asOf: F.date("2025-03-05"), rule: fromDayAfterDue) == F.money("11.11"))
        // "From the following month": 1–31 March = 31 days × 880 × 0.05% = 13.64; to 10 April 41 days = 18.04.
        let bill = Arrear(principal: F.money("880"), dueDate: F.date("2025-02-15"))
        #expect(bill.lateFee(asOf: F.date("2025-02-28"), rule: fromNextMonth) == .zero)
        #expect(bill.lateFee(asOf: F.date("2025-03-31"), rule: fromNextMonth) == F.money("13.64"))
        #expect(bill.lateFee(asOf: F.date("2025-04-10"), rule: fromNextMonth) == F.money("18.04"))
    }

    @Test func aDeferralStopsTheFee() {
        let debt = Arrear(principal: F.money("1000"), dueDate: F.date("2025-02-15"),
                          deferrals: [Deferral(from: F.date("2025-03-01"), through: F.date("2025-03-31"))])
        // 16–28 Feb = 13 days, March deferred, 1–10 Apr = 10 days: 23 × 0.50 = 11.50
        #expect(debt.lateFee(asOf: F.date("2025-04-10"), rule: fromDayAfterDue) == F.money("11.50"))
        // Inside the deferral the fee stays at February's 13 × 0.50 = 6.50.
        #expect(debt.lateFee(asOf: F.date("2025-03-20"), rule: fromDayAfterDue) == F.money("6.50"))
    }

    @Test func partialPaymentsReduceThePrincipalFromTheNextDay() {
        let debt = Arrear(principal: F.money("1000"), dueDate: F.date("2025-02-15"),
                          payments: [.init(date: F.date("2025-04-05"), amount: F.money("400"))],
                          deferrals: [Deferral(from: F.date("2025-03-01"), through: F.date("2025-03-31"))])
        // 13 days × 1000 (Feb) + 5 days × 1000 (1–5 Apr, the payment day included) + 5 days × 600 (6–10 Apr)
        // = 21,000 yuan-days × 0.05% = 10.50
        #expect(debt.lateFee(asOf: F.date("2025-04-10"), rule: fromDayAfterDue) == F.money("10.50"))
        #expect(debt.outstanding(on: F.date("2025-04-04")) == F.money("1000"))
        #expect(debt.outstanding(on: F.date("2025-04-05")) == F.money("600"))
        // Paid in full on 5 Apr: no fee after that day: 18 days × 0.50 = 9.00
        let paid = Arrear(principal: F.money("1000"), dueDate: F.date("2025-02-15"),
                          payments: [.init(date: F.date("2025-03-05"), amount: F.money("1000"))])
        #expect(paid.lateFee(asOf: F.date("2025-12-31"), rule: fromDayAfterDue) == F.money("9.00"))
    }

    @Test func theFeeMayBeCappedAtThePrincipal() {
        let capped = LateFeeRule(dailyRate: Ratio(basisPoints: 5), dueDay: 15, start: .dayAfterDue, capAtPrincipal: true)
        let debt = Arrear(principal: F.money("100"), dueDate: F.date("2020-01-15"))
        // 2020-01-16 … 2029-12-31 is far over 2,000 days: 100 × 0.05% × days > 100 → capped at 100.
        #expect(debt.lateFee(asOf: F.date("2029-12-31"), rule: capped) == F.money("100"))
        #expect(debt.lateFee(asOf: F.date("2029-12-31"), rule: fromDayAfterDue) > F.money("100"))
    }

    @Test func escalationFollowsWholeMonthsOverdue() {
        let debt = Arrear(principal: F.money("880"), dueDate: F.date("2025-02-15"))
        let steps = F.municipal.escalation
        #expect(debt.monthsOverdue(on: F.date("2025-03-14")) == 0)
        #expect(debt.escalation(on: F.date("2025-03-14"), steps: steps) == nil)
        #expect(debt.monthsOverdue(on: F.date("2025-05-14")) == 2)
        #expect(debt.escalation(on: F.date("2025-05-15"), steps: steps)?.level == "centre_director")   // 3 months
        #expect(debt.escalation(on: F.date("2025-08-15"), steps: steps)?.level == "deputy_chief")      // 6 months
        #expect(debt.escalation(on: F.date("2026-02-15"), steps: steps)?.level == "bureau_chief")      // 12 months
        let paid = Arrear(principal: F.money("880"), dueDate: F.date("2025-02-15"),
                          payments: [.init(date: F.date("2025-06-01"), amount: F.money("880"))])
        #expect(paid.monthsOverdue(on: F.date("2026-02-15")) == 0)
    }

    @Test func arrearsStopBenefitsUnlessDeferred() {
        let open = Arrear(principal: F.money("880"), dueDate: F.date("2025-02-15"))
        let older = Arrear(principal: F.money("880"), dueDate: F.date("2025-01-15"),
                           payments: [.init(date: F.date("2025-03-01"), amount: F.money("880"))])
        let debts = [open, older]
        #expect(debts.arrearsSince(on: F.date("2025-02-15")) == F.date("2025-01-16"))
        #expect(debts.arrearsSince(on: F.date("2025-03-01")) == F.date("2025-02-16"))
        let deferred = Arrear(principal: F.money("880"), dueDate: F.date("2025-02-15"),
                              deferrals: [Deferral(from: F.date("2025-02-01"), through: F.date("2025-06-30"))])
        #expect([deferred].arrearsSince(on: F.date("2025-04-01")) == nil)
        #expect([deferred].arrearsSince(on: F.date("2025-07-01")) == F.date("2025-02-16"))
        // 滞纳金 of both debts through 2025-03-31 ("from the next month"): the older one was paid on 1 Mar,
        // its fee accrues from 1 Feb: 29 days × 0.44 = 12.76; the open one 31 × 0.44 = 13.64.
        #expect(debts.lateFees(asOf: F.date("2025-03-31"), rule: fromNextMonth) == F.money("26.40"))
    }
}
