/// Migration 17 (found under issue 6): the catalogue accepts bed fees (`kind` bed).
///
/// Why: `CatalogueItem.Kind` has had `bed` — the entry whose count is bed-days, which a special
/// group's per-day bed-fee cap (the municipal preset's disabled servicemen, 50 a bed-day) needs — but
/// migration 2's CHECK allowed only drug, service and consumable, so a bed could not be catalogued (an
/// import failed with a constraint error) and the cap never applied to an uploaded bill.
///
/// PostgreSQL alters the constraint. SQLite cannot, so the table is rebuilt as migration 2 made it
/// with the wider CHECK, its rows copied, and the triggers that raise the reference version (migration
/// 13) made again; nothing references the table and it has no other index.
extension Schema {
    private static let kinds = "kind IN ('drug', 'service', 'consumable', 'bed')"

    static let v17CatalogueBeds = Migration(17, "catalogue beds",
        sqlite: [
            """
            CREATE TABLE catalogue_items_v17 (
                admdvs TEXT NOT NULL REFERENCES regions(admdvs),
                med_list_codg TEXT NOT NULL,
                insutype TEXT NOT NULL,
                name TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (\(kinds)),
                chrgitm_lv TEXT NOT NULL CHECK (chrgitm_lv IN ('01', '02', '03')),
                pric_uplmt_fen BIGINT CHECK (pric_uplmt_fen >= 0),
                lmt_sex TEXT,
                lmt_age_min BIGINT,
                lmt_age_max BIGINT,
                lmt_indication TEXT NOT NULL DEFAULT '',
                min_hosp_lv TEXT,
                begndate TEXT NOT NULL,
                enddate TEXT,
                updated_at BIGINT NOT NULL,
                PRIMARY KEY (admdvs, med_list_codg, insutype))
            """,
            """
            INSERT INTO catalogue_items_v17 (admdvs, med_list_codg, insutype, name, kind, chrgitm_lv, pric_uplmt_fen, lmt_sex, lmt_age_min,
                                             lmt_age_max, lmt_indication, min_hosp_lv, begndate, enddate, updated_at)
            SELECT admdvs, med_list_codg, insutype, name, kind, chrgitm_lv, pric_uplmt_fen, lmt_sex, lmt_age_min,
                   lmt_age_max, lmt_indication, min_hosp_lv, begndate, enddate, updated_at FROM catalogue_items
            """,
            "DROP TABLE catalogue_items",
            "ALTER TABLE catalogue_items_v17 RENAME TO catalogue_items",
        ] + raisingReferenceVersion(sqlite: ["catalogue_items"]),
        postgres: [
            "ALTER TABLE catalogue_items DROP CONSTRAINT catalogue_items_kind_check",
            "ALTER TABLE catalogue_items ADD CONSTRAINT catalogue_items_kind_check CHECK (\(kinds))",
        ])
}
