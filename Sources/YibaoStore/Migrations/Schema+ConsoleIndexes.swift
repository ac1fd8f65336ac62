/// Migration 5 (issue 7, the console): indexes for the pages that read by person, by institution and
/// day, and by payer. Without them a person's page or an institution's day scans every settlement of
/// the region, far beyond the console's 50 ms per page on 100,000 persons.
extension Schema {
    static let v5ConsoleIndexes = Migration(5, "console read indexes", [
        "CREATE INDEX settlements_by_person ON settlements (admdvs, psn_no, setl_time)",
        "CREATE INDEX settlements_by_institution_day ON settlements (fixmedins_code, setl_time)",
        "CREATE INDEX payments_by_payer ON payments (admdvs, payer)",
    ])
}
