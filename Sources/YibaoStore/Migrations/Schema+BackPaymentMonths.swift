/// Migration 12 (issue 4, item 6): back-payments (补缴) of missed months in the employee schemes, under the
/// same maker-checker request (`back_payments`) as residents' years. Each month is kept as assessed at the
/// request: who pays it (`employer_id`, 0 for a person paying alone), the base and both shares, the month's
/// ordinary due date and `due` — whether the approval bills it due then (`month_due`) or on the approval
/// day (`approval`), by the policy's `late_fees.back_payment_due`.
extension Schema {
    static let v12BackPaymentMonths = Migration(12, "back-payment months", [
        """
        CREATE TABLE back_payment_months (
            admdvs TEXT NOT NULL,
            back_payment_id BIGINT NOT NULL,
            month TEXT NOT NULL CHECK (length(month) = 7),
            employer_id BIGINT NOT NULL,
            base_fen BIGINT NOT NULL CHECK (base_fen >= 0),
            employer_fen BIGINT NOT NULL CHECK (employer_fen >= 0),
            individual_fen BIGINT NOT NULL CHECK (individual_fen >= 0),
            due_date TEXT NOT NULL,
            due TEXT NOT NULL CHECK (due IN ('month_due', 'approval')),
            PRIMARY KEY (admdvs, back_payment_id, month, employer_id))
        """,
    ])
}
