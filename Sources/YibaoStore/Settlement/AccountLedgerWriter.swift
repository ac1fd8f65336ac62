import SQLKit
import YibaoCore

/// Writes personal-account movements as double entries: each posting is two ledger rows with one
/// `movement_id` whose amounts sum to zero — the person's level account and its counter-account
/// (`institution_payable:<admdvs>` for payments at an institution, `crediting:<admdvs>` for credits).
/// The caller updates the balance row in the same transaction.
enum AccountLedgerWriter {
    struct Posting {
        var level: AccountLevel
        /// Positive: money into the person's account; negative: paid out of it.
        var amount: Money
    }

    static func post(_ postings: [Posting], admdvs: String, psnNo: Int64, counterparty: String, setlID: Int64?,
                     kind: String, in db: any SQLDatabase) async throws {
        let postings = postings.filter { !$0.amount.isZero }
        guard !postings.isEmpty else { return }
        let now = Clock.nowMillis()
        var insert = db.insert(into: "account_ledger")
            .columns("admdvs", "entry_id", "movement_id", "psn_no", "ledger_account", "amount_fen", "setl_id", "kind", "created_at")
        for posting in postings {
            let movement = IDGenerator.shared.next()
            insert = insert
                .values(SQLBind(admdvs), SQLBind(IDGenerator.shared.next()), SQLBind(movement), SQLBind(psnNo),
                        SQLBind(posting.level.rawValue), SQLBind(posting.amount.fen), SQLBind(setlID), SQLBind(kind), SQLBind(now))
                .values(SQLBind(admdvs), SQLBind(IDGenerator.shared.next()), SQLBind(movement), SQLBind(psnNo),
                        SQLBind(counterparty), SQLBind(-posting.amount.fen), SQLBind(setlID), SQLBind(kind), SQLBind(now))
        }
        try await insert.run()
    }
}
