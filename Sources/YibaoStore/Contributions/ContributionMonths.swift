import SQLKit
import YibaoCore

/// The months of contribution a person has paid in the employee scheme (缴费月数, toward the contribution
/// years of 004 L15): a month counts once every bill of it is cleared — billed by the monthly run or
/// back-paid (补缴), so a back-paid month counts only when paid — and once, whatever the number of
/// employers billed for it. Residents' yearly premiums are not months of this scheme.
public enum ContributionMonths {
    /// The paid months (`YYYY-MM`), in order (one query).
    public static func paid(admdvs: String, psnNo: Int64, in db: any SQLDatabase) async throws -> [String] {
        try await db.raw("""
            SELECT b.month FROM contribution_bills b
            WHERE b.admdvs = \(bind: admdvs) AND b.psn_no = \(bind: psnNo) AND NOT EXISTS (
                SELECT 1 FROM resident_premiums r WHERE r.admdvs = b.admdvs AND r.psn_no = b.psn_no AND b.employer_id = 0
                    AND b.month = CAST(r.year AS TEXT) || '-01')
            GROUP BY b.month HAVING COUNT(*) = COUNT(b.cleared_on) ORDER BY b.month
            """).all().map { try $0.decode(column: "month", as: String.self) }
    }
}
