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
        let rows = rows(postings, admdvs: admdvs, psnNo: psnNo, counterparty: counterparty, setlID: setlID, kind: kind, now: Clock.nowMillis())
        guard !rows.isEmpty else { return }
        try await db.runDeferred(.insert(into: "account_ledger", columns: columns, rows: rows.count), values: rows.flatMap { $0 })
    }

    /// The ledger rows of one person's postings (`columns`): two a non-zero posting, one movement id.
    /// A batch posting many persons' movements inserts them together.
    static func rows(_ postings: [Posting], admdvs: String, psnNo: Int64, counterparty: String, setlID: Int64?, kind: String,
                     now: Int64) -> [[any Encodable & Sendable]] {
        postings.filter { !$0.amount.isZero }.flatMap { posting -> [[any Encodable & Sendable]] in
            let movement = IDGenerator.shared.next()
            return [[admdvs, IDGenerator.shared.next(), movement, psnNo, posting.level.rawValue, posting.amount.fen, setlID, kind, now],
                    [admdvs, IDGenerator.shared.next(), movement, psnNo, counterparty, -posting.amount.fen, setlID, kind, now]]
        }
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
        try await adjustBalances(admdvs: admdvs, by: [(psnNo, delta)], in: db)
    }

    /// The same for many persons of a region in one statement (a crediting run's chunk), one delta a person.
    static func adjustBalances(admdvs: String, by deltas: [(psnNo: Int64, delta: AccountBalances)], in db: any SQLDatabase) async throws {
        guard !deltas.isEmpty else { return }
        let values = SQLList(deltas.map { SQLGroupExpression([SQLBind($0.psnNo), SQLBind($0.delta.firstLevel.fen), SQLBind($0.delta.secondLevel.fen)]) })
        try await db.raw("""
            WITH d (psn_no, first_fen, second_fen) AS (VALUES \(values))
            UPDATE person_accounts SET first_level_fen = first_level_fen + d.first_fen, second_level_fen = second_level_fen + d.second_fen,
                updated_at = \(bind: Clock.nowMillis())
            FROM d WHERE person_accounts.admdvs = \(bind: admdvs) AND person_accounts.psn_no = d.psn_no
            """).run()
    }
}
