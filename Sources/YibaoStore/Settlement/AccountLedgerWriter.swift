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
        var values: [any Encodable & Sendable] = []
        for posting in postings {
            let movement = IDGenerator.shared.next()
            values += [admdvs, IDGenerator.shared.next(), movement, psnNo, posting.level.rawValue, posting.amount.fen, setlID, kind, now,
                       admdvs, IDGenerator.shared.next(), movement, psnNo, counterparty, -posting.amount.fen, setlID, kind, now]
        }
        try await db.runDeferred(.insert(into: "account_ledger", columns: columns, rows: postings.count * 2), values: values)
    }

    static let columns = ["admdvs", "entry_id", "movement_id", "psn_no", "ledger_account", "amount_fen", "setl_id", "kind", "created_at"]

    /// Moves `amounts` from one person's levels to another's (inheritance): one movement per level, whose
    /// two legs are on the two persons, with both balance rows updated.
    static func move(_ amounts: AccountBalances, from: (admdvs: String, psnNo: Int64), to: (admdvs: String, psnNo: Int64), kind: String,
                     in db: any SQLDatabase) async throws {
        let now = Clock.nowMillis()
        var insert = db.insert(into: "account_ledger").columns(columns)
        var any = false
        for (level, amount) in [(AccountLevel.first, amounts.firstLevel), (.second, amounts.secondLevel)] where !amount.isZero {
            let movement = IDGenerator.shared.next()
            insert = insert
                .values(SQLBind(from.admdvs), SQLBind(IDGenerator.shared.next()), SQLBind(movement), SQLBind(from.psnNo),
                        SQLBind(level.rawValue), SQLBind(-amount.fen), SQLBind(Int64?.none), SQLBind(kind), SQLBind(now))
                .values(SQLBind(to.admdvs), SQLBind(IDGenerator.shared.next()), SQLBind(movement), SQLBind(to.psnNo),
                        SQLBind(level.rawValue), SQLBind(amount.fen), SQLBind(Int64?.none), SQLBind(kind), SQLBind(now))
            any = true
        }
        guard any else { return }
        try await insert.run()
        try await adjustBalance(admdvs: from.admdvs, psnNo: from.psnNo,
                                by: AccountBalances(firstLevel: .zero - amounts.firstLevel, secondLevel: .zero - amounts.secondLevel), in: db)
        try await adjustBalance(admdvs: to.admdvs, psnNo: to.psnNo, by: amounts, in: db)
    }

    /// Adds `delta` (either sign) to the person's balance row; its CHECK constraints refuse a negative balance.
    static func adjustBalance(admdvs: String, psnNo: Int64, by delta: AccountBalances, in db: any SQLDatabase) async throws {
        try await db.raw("""
            UPDATE person_accounts SET first_level_fen = first_level_fen + \(bind: delta.firstLevel.fen),
                second_level_fen = second_level_fen + \(bind: delta.secondLevel.fen), updated_at = \(bind: Clock.nowMillis())
            WHERE admdvs = \(bind: admdvs) AND psn_no = \(bind: psnNo)
            """).run()
    }
}
