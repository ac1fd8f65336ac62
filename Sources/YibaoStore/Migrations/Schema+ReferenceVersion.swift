/// Migration 13 (issue 6): `reference_version`, one number that every change to the catalogue, an
/// institution's declared items, the policies or a region's parameters (W) raises, in the changing
/// transaction itself (triggers). A process may then keep those rows and stay exact: it uses what it
/// kept only while the number it reads is the one it kept them under (`ReferenceCache`).
///
/// SQLite has row triggers only; PostgreSQL gets statement triggers, so that a catalogue import of
/// thousands of rows raises the number once rather than once per row. Both raise it on every kind of
/// change, so the number says "changed", not how much.
extension Schema {
    /// The tables whose rows `ReferenceCache` keeps.
    static let referenceTables = ["catalogue_items", "institution_declared_items", "policy_documents", "region_parameters"]

    private static let referenceVersionTable = [
        "CREATE TABLE reference_version (id INTEGER PRIMARY KEY CHECK (id = 1), version BIGINT NOT NULL)",
        "INSERT INTO reference_version (id, version) VALUES (1, 0)",
    ]

    static let v13ReferenceVersion = Migration(13, "reference version",
        sqlite: referenceVersionTable + referenceTables.flatMap { table in
            ["INSERT", "UPDATE", "DELETE"].map { event in
                """
                CREATE TRIGGER \(table)_\(event.lowercased())_raises_reference_version AFTER \(event) ON \(table)
                BEGIN UPDATE reference_version SET version = version + 1; END
                """
            }
        },
        postgres: referenceVersionTable + [
            """
            CREATE FUNCTION raise_reference_version() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN UPDATE reference_version SET version = version + 1; RETURN NULL; END $$
            """,
        ] + referenceTables.map { table in
            """
            CREATE TRIGGER \(table)_raises_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON \(table)
            FOR EACH STATEMENT EXECUTE FUNCTION raise_reference_version()
            """
        })
}
