import SQLKit
import YibaoCore

/// A person's accumulators per (insutype, benefit year), one column a figure (migration 16): read and
/// written by every settlement, so without JSON in between, and open to reports.
enum AccumulatorStore {
    /// Every amount the engine keeps, by column. Counts are the two admissions columns.
    private static let amounts: [(column: String, figure: WritableKeyPath<Accumulators, Money> & Sendable)] =
        [("inscp_cumulative_fen", \.inscopeCumulative)]
        + BenefitSetting.allCases.map { setting in ("deductible_\(setting.rawValue)_fen", \.deductibleConsumed[setting]) }
        + FundKind.allCases.map { fund in ("\(fund.rawValue)_paid_fen", \.fundPaid[fund]) }
        + [("self_pay_cumulative_fen", \.selfPayCumulative), ("above_cap_cumulative_fen", \.aboveCapCumulative),
           ("beyond_layers_cumulative_fen", \.beyondLayersCumulative)]
    private static let columns = ["admissions", "referral_admissions"] + amounts.map(\.column)

    private static let figuresOf = StaticSQL("""
        SELECT \(columns.joined(separator: ", ")) FROM accumulators
        WHERE admdvs = $1 AND psn_no = $2 AND insutype = $3 AND year_start = $4
        """)

    static func load(admdvs: String, psnNo: Int64, insutype: String, yearStart: LocalDate, in db: any SQLDatabase) async throws -> Accumulators {
        var figures = Accumulators(yearStart: yearStart)
        guard let row = try await db.first(figuresOf, admdvs, psnNo, insutype, yearStart.description) else { return figures }
        figures.admissions = try row.decode(column: "admissions", as: Int.self)
        figures.referralAdmissions = try row.decode(column: "referral_admissions", as: Int.self)
        for (column, figure) in amounts { figures[keyPath: figure] = Money(fen: try row.decode(column: column, as: Int64.self)) }
        return figures
    }

    static func save(_ figures: Accumulators, admdvs: String, psnNo: Int64, insutype: String, yearStart: LocalDate,
                     in db: any SQLDatabase) async throws {
        let values: [any Encodable & Sendable] = [admdvs, psnNo, insutype, yearStart.description, Clock.nowMillis(),
                                                  figures.admissions, figures.referralAdmissions]
            + amounts.map { figures[keyPath: $0.figure].fen }
        try await db.runDeferred(upsert, values: values)
    }
    private static let upsert: StaticSQL = {
        let key = ["admdvs", "psn_no", "insutype", "year_start"]
        let written = ["updated_at"] + columns
        let all = key + written
        return StaticSQL("""
            INSERT INTO accumulators (\(all.joined(separator: ", ")))
            VALUES (\(all.indices.map { "$\($0 + 1)" }.joined(separator: ", ")))
            ON CONFLICT (\(key.joined(separator: ", "))) DO UPDATE SET
                \(written.map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
            """)
    }()
}
