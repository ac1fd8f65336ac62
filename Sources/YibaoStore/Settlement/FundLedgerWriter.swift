import SQLKit
import YibaoCore

/// Fund ledger: what each fund owes an institution for a settlement (positive), or takes back on a cancel (negative).
enum FundLedgerWriter {
    static func post(_ funds: FundAmounts, sign: Int64, admdvs: String, insutype: String, institution: String, psnNo: Int64,
                     setlID: Int64, kind: String, in db: any SQLDatabase) async throws {
        let paying = FundKind.allCases.filter { !funds[$0].isZero }
        guard !paying.isEmpty else { return }
        let now = Clock.nowMillis()
        let values = paying.flatMap { fund -> [any Encodable & Sendable] in
            [admdvs, IDGenerator.shared.next(), fund.rawValue, insutype, institution, psnNo, setlID, sign * funds[fund].fen, kind, now]
        }
        try await db.runDeferred(.insert(into: "fund_ledger", columns: columns, rows: paying.count), values: values)
    }

    static let columns = ["admdvs", "entry_id", "fund", "insutype", "fixmedins_code", "psn_no", "setl_id", "amount_fen", "kind", "created_at"]
}
