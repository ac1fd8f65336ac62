/// Migration 13 (issue 6): `reference_version`, one number that every change to the catalogue, an
/// institution's declared items, the policies or a region's parameters (W) raises, in the changing
/// transaction itself (triggers). A process may then keep those rows and stay exact: it uses what it
/// kept only while the number it reads is the one it kept them under (`ReferenceCache`).
///
/// SQLite has row triggers only; PostgreSQL gets statement triggers, so that a catalogue import of
/// thousands of rows raises the number once rather than once per row. Both raise it on every kind of
/// change, so the number says "changed", not how much.
extension Schema {
    /// The tables whose rows `ReferenceCache` keeps: those migration 13 made raise the number, and the
    /// designation history since migration 15.
    private static let keptSince13 = ["catalogue_items", "institution_declared_items", "policy_documents", "region_parameters"]
    private static let keptSince15 = ["institution_status"]

    private static let referenceVersionTable = [
        "CREATE TABLE reference_version (id INTEGER PRIMARY KEY CHECK (id = 1), version BIGINT NOT NULL)",
        "INSERT INTO reference_version (id, version) VALUES (1, 0)",
    ]

    static let v13ReferenceVersion = Migration(13, "reference version",
        sqlite: referenceVersionTable + raisingReferenceVersion(sqlite: keptSince13),
        postgres: referenceVersionTable + [
            """
            CREATE FUNCTION raise_reference_version() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN UPDATE reference_version SET version = version + 1; RETURN NULL; END $$
            """,
        ] + raisingReferenceVersion(postgres: keptSince13))

    /// Migration 15: an institution's designation history joins them, so that a settlement's eligibility
    /// need not read it every time and a suspension still applies to the next settlement.
    static let v15DesignationsKept = Migration(15, "designation history raises the reference version",
        sqlite: raisingReferenceVersion(sqlite: keptSince15),
        postgres: raisingReferenceVersion(postgres: keptSince15))

    static func raisingReferenceVersion(sqlite tables: [String]) -> [String] {
        tables.flatMap { table in
            ["INSERT", "UPDATE", "DELETE"].map { event in
                """
                CREATE TRIGGER \(table)_\(event.lowercased())_raises_reference_version AFTER \(event) ON \(table)
                BEGIN UPDATE reference_version SET version = version + 1; END
                """
            }
        }
    }

    private static func raisingReferenceVersion(postgres tables: [String]) -> [String] {
        tables.map { table in
            """
            CREATE TRIGGER \(table)_raises_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON \(table)
            FOR EACH STATEMENT EXECUTE FUNCTION raise_reference_version()
            """
        }
    }
}
