/// One unpaid contribution (欠费) of one payer for one month: principal, due date, the payments made
/// against it and the deferral agreements covering it. Late fees, months overdue and the arrears
/// status of any date are derived from it, so they are exact for any date, past or future.
public struct Arrear: Sendable, Equatable, Codable {
    public struct Payment: Sendable, Equatable, Codable {
        public var date: LocalDate
        public var amount: Money
        public init(date: LocalDate, amount: Money) { self.date = date; self.amount = amount }
    }

    public var principal: Money
    public var dueDate: LocalDate
    public var payments: [Payment]
    public var deferrals: [Deferral]

    public init(principal: Money, dueDate: LocalDate, payments: [Payment] = [], deferrals: [Deferral] = []) {
        self.principal = principal
        self.dueDate = dueDate
        self.payments = payments
        self.deferrals = deferrals
    }

    /// Principal still unpaid at the end of `date` (payments dated that day or before are counted).
    public func outstanding(on date: LocalDate) -> Money {
        Money.max(.zero, payments.filter { $0.date <= date }.reduce(principal) { $0 - $1.amount })
    }

    /// Whether the debt stops benefits on `date`: past its due date, still unpaid at the end of the day,
    /// and no deferral covers the day.
    public func blocksBenefits(on date: LocalDate) -> Bool {
        dueDate < date && outstanding(on: date) > .zero && !deferrals.contains { $0.covers(date) }
    }

    /// The late fee accrued from the rule's first fee day through `asOf`, both included.
    ///
    /// Definition: each accrual day carries the principal unpaid at the start of that day (a payment
    /// stops accrual on its amount from the next day: "至实际缴纳之日止"); days a deferral covers carry
    /// nothing. fee = daily rate × Σ(day's principal), rounded half-up to the fen once, so the fee for a
    /// period is the same whether it is computed in one go or across month boundaries. With
    /// `cap_at_principal` it never exceeds the principal.
    public func lateFee(asOf: LocalDate, rule: LateFeeRule) -> Money {
        let first = rule.firstFeeDay(due: dueDate)
        guard first <= asOf else { return .zero }
        let end = asOf.adding(days: 1)
        var cuts: Set<LocalDate> = [first, end]
        for p in payments { cuts.insert(p.date.adding(days: 1)) }
        for d in deferrals {
            cuts.insert(d.from)
            cuts.insert(d.through.adding(days: 1))
        }
        let bounds = cuts.filter { first <= $0 && $0 <= end }.sorted()
        var principalDays: Int64 = 0
        for (a, b) in zip(bounds, bounds.dropFirst()) where !deferrals.contains(where: { $0.covers(a) }) {
            let unpaid = Money.max(.zero, payments.filter { $0.date < a }.reduce(principal) { $0 - $1.amount })
            principalDays += unpaid.fen * Int64(a.days(until: b))
        }
        let fee = rule.dailyRate.apply(to: Money(fen: principalDays))
        return rule.capAtPrincipal ? Money.min(fee, principal) : fee
    }

    /// Whole months the debt has been overdue on `date` (0 once it is paid): due 2025-02-15 is 3 months
    /// overdue from 2025-05-15.
    public func monthsOverdue(on date: LocalDate) -> Int {
        guard outstanding(on: date) > .zero, dueDate < date else { return 0 }
        var months = 0
        while dueDate.adding(months: months + 1) <= date { months += 1 }
        return months
    }

    /// The escalation step the debt has reached on `date` (the last whose threshold is met), if any.
    public func escalation(on date: LocalDate, steps: [EscalationStep]) -> EscalationStep? {
        let months = monthsOverdue(on: date)
        return steps.last { $0.afterMonths <= months }
    }
}

extension Array where Element == Arrear {
    /// The day from which benefits have been stopped without a break, ending on `date` (nil: not in arrears):
    /// the day after the earliest due date among the debts that block benefits on `date`.
    public func arrearsSince(on date: LocalDate) -> LocalDate? {
        filter { $0.blocksBenefits(on: date) }.map(\.dueDate).min()?.adding(days: 1)
    }

    /// Total late fees of all debts through `asOf`.
    public func lateFees(asOf: LocalDate, rule: LateFeeRule) -> Money {
        reduce(.zero) { $0 + $1.lateFee(asOf: asOf, rule: rule) }
    }
}
