import SQLKit
import YibaoCore

/// A person's accumulators per (insutype, benefit year), stored as the engine's JSON.
enum AccumulatorStore {
    private static let figuresOf = StaticSQL("""
        SELECT figures FROM accumulators WHERE admdvs = $1 AND psn_no = $2 AND insutype = $3 AND year_start = $4
        """)

    static func load(admdvs: String, psnNo: Int64, insutype: String, yearStart: LocalDate, in db: any SQLDatabase) async throws -> Accumulators {
        guard let row = try await db.first(figuresOf, admdvs, psnNo, insutype, yearStart.description) else {
            return Accumulators(yearStart: yearStart)
        }
        return try StoredJSON.decode(Accumulators.self, try row.decode(column: "figures", as: String.self))
    }

    static func save(_ figures: Accumulators, admdvs: String, psnNo: Int64, insutype: String, yearStart: LocalDate,
                     in db: any SQLDatabase) async throws {
        try await db.runDeferred(upsert, admdvs, psnNo, insutype, yearStart.description, try StoredJSON.encode(figures),
                                 figures.fundPaid.hifp.fen, Clock.nowMillis())
    }
    private static let upsert = StaticSQL("""
        INSERT INTO accumulators (admdvs, psn_no, insutype, year_start, figures, hifp_paid_fen, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (admdvs, psn_no, insutype, year_start) DO UPDATE SET figures = excluded.figures,
            hifp_paid_fen = excluded.hifp_paid_fen, updated_at = excluded.updated_at
        """)
}
