import SQLKit
import YibaoCore

/// Fund ledger: what each fund owes an institution for a settlement (positive), or takes back on a cancel (negative).
enum FundLedgerWriter {
    static func post(_ funds: FundAmounts, sign: Int64, admdvs: String, insutype: String, institution: String, psnNo: Int64,
                     setlID: Int64, kind: String, in db: any SQLDatabase) async throws {
        let paying = FundKind.allCases.filter { !funds[$0].isZero }
        guard !paying.isEmpty else { return }
        let now = Clock.nowMillis()
        var insert = db.insert(into: "fund_ledger")
            .columns("admdvs", "entry_id", "fund", "insutype", "fixmedins_code", "psn_no", "setl_id", "amount_fen", "kind", "created_at")
        for fund in paying {
            insert = insert.values(SQLBind(admdvs), SQLBind(IDGenerator.shared.next()), SQLBind(fund.rawValue), SQLBind(insutype),
                                   SQLBind(institution), SQLBind(psnNo), SQLBind(setlID), SQLBind(sign * funds[fund].fen), SQLBind(kind),
                                   SQLBind(now))
        }
        try await insert.run()
    }
}
