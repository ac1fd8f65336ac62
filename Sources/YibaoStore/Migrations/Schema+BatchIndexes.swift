/// Migration 6 (issue 6, batches): the bases of a year by person. Billing and crediting read the bases
/// of each chunk of persons (`admdvs`, `year`, `psn_no IN …`); the primary key leads with the employer,
/// so without this index every chunk scanned the region's bases and a run over a million persons grew
/// with the square of its size.
extension Schema {
    static let v6BatchIndexes = Migration(6, "bases by year and person", [
        "CREATE INDEX contribution_bases_by_year_person ON contribution_bases (admdvs, year, psn_no)",
    ])
}
