/// Migration 16 (issue 6): a person's accumulators as columns instead of the engine's JSON.
///
/// Why: every settlement reads the row and writes it back, inside the single writer on SQLite; the
/// JSON's decoding and encoding (amounts as decimal strings) were about 2 % of the server's CPU at 32
/// clients, and the figures could not be queried (who is near the pooled cap, how much of the
/// deductible a region's people have used). The existing rows' JSON is carried into the columns
/// exactly (an amount is always written with two decimals, so dropping the point gives fen), then
/// the JSON column is dropped. Frozen: the names are written out, not derived from the engine's types.
extension Schema {
    private static let counts = [("admissions", "admissions"), ("referral_admissions", "referral_admissions")]
    private static let amounts = [
        ("inscp_cumulative_fen", ["inscp_cumulative"]),
        ("deductible_outpatient_fen", ["deductible_consumed", "outpatient"]),
        ("deductible_special_outpatient_fen", ["deductible_consumed", "special_outpatient"]),
        ("deductible_inpatient_fen", ["deductible_consumed", "inpatient"]),
        ("deductible_referral_fen", ["deductible_consumed", "referral"]),
        ("deductible_pharmacy_fen", ["deductible_consumed", "pharmacy"]),
        ("hifp_paid_fen", ["fund_paid", "hifp"]),
        ("hifmi_paid_fen", ["fund_paid", "hifmi"]),
        ("hifob_paid_fen", ["fund_paid", "hifob"]),
        ("cvlserv_paid_fen", ["fund_paid", "cvlserv"]),
        ("hifes_paid_fen", ["fund_paid", "hifes"]),
        ("maf_paid_fen", ["fund_paid", "maf"]),
        ("oth_paid_fen", ["fund_paid", "oth"]),
        ("self_pay_cumulative_fen", ["self_pay_cumulative"]),
        ("above_cap_cumulative_fen", ["above_cap_cumulative"]),
        ("beyond_layers_cumulative_fen", ["beyond_layers_cumulative"]),
    ]

    /// `hifp_paid_fen` exists since migration 2; the rest are new.
    private static let added = counts.map(\.0) + amounts.map(\.0).filter { $0 != "hifp_paid_fen" }
    private static let addColumns = added.map { "ALTER TABLE accumulators ADD COLUMN \($0) BIGINT NOT NULL DEFAULT 0" }
    private static let dropJSON = ["ALTER TABLE accumulators DROP COLUMN figures"]

    static let v16AccumulatorColumns = Migration(16, "accumulators as columns",
        sqlite: addColumns + [carried(count: { "json_extract(figures, '$.\($0)')" },
                                      text: { "json_extract(figures, '$.\($0.joined(separator: "."))')" }, integer: "INTEGER")] + dropJSON,
        postgres: addColumns + [carried(count: { "CAST(figures::jsonb ->> '\($0)' AS BIGINT)" },
                                        text: { "figures::jsonb #>> '{\($0.joined(separator: ","))}'" }, integer: "BIGINT")] + dropJSON)

    /// The UPDATE that fills every column from `figures`; a figure left out of the JSON is zero, as
    /// the engine's decoding has it.
    private static func carried(count: (String) -> String, text: ([String]) -> String, integer: String) -> String {
        let assignments = counts.map { "\($0.0) = COALESCE(\(count($0.1)), 0)" }
            + amounts.map { "\($0.0) = CAST(REPLACE(COALESCE(\(text($0.1)), '0.00'), '.', '') AS \(integer))" }
        return "UPDATE accumulators SET " + assignments.joined(separator: ",\n    ")
    }
}
