import YibaoCore

/// One month's contribution for one person (and their employer, `employerID` 0 when the person pays
/// alone): the employer and individual shares as `MonthlyContribution` rounded them, and the due date
/// the policy's `late_fees.due_day` gives.
public struct ContributionBill: Sendable, Equatable {
    public var admdvs: String
    public var id: Int64
    public var employerID: Int64
    public var psnNo: Int64
    /// `YYYY-MM`.
    public var month: String
    public var employerShare: Money
    public var individualShare: Money
    public var dueDate: LocalDate
    public var paid: Money
    public var clearedOn: LocalDate?

    public init(admdvs: String, id: Int64 = 0, employerID: Int64, psnNo: Int64, month: String, employerShare: Money,
                individualShare: Money, dueDate: LocalDate, paid: Money = .zero, clearedOn: LocalDate? = nil) {
        self.admdvs = admdvs
        self.id = id
        self.employerID = employerID
        self.psnNo = psnNo
        self.month = month
        self.employerShare = employerShare
        self.individualShare = individualShare
        self.dueDate = dueDate
        self.paid = paid
        self.clearedOn = clearedOn
    }

    public var total: Money { employerShare + individualShare }
    public var outstanding: Money { total - paid }
}
