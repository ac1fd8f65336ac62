/// Migration 7 (issue 7, the dashboard): a region's settlements by day. The agency dashboard totals the
/// last 14 days of the region; the other settlement indexes lead with the person or the institution.
extension Schema {
    static let v7DashboardIndexes = Migration(7, "settlements by region and day", [
        "CREATE INDEX settlements_by_region_day ON settlements (admdvs, setl_time)",
    ])
}
