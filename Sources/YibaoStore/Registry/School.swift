import YibaoCore

/// A school whose students enrol in the resident scheme through it (Benxi 003 篇5 R15). `countyFunded`:
/// funded by the county `countyRegion` (区县财政供给经费学校), whose students' subsidy the city and that
/// county share (R12, 60/40); the students of other schools are subsidised by the city alone.
public struct School: Sendable, Equatable {
    public var admdvs: String
    public var id: Int64
    public var name: String
    public var countyRegion: String
    public var countyFunded: Bool

    public init(admdvs: String, id: Int64, name: String, countyRegion: String, countyFunded: Bool) {
        self.admdvs = admdvs
        self.id = id
        self.name = name
        self.countyRegion = countyRegion
        self.countyFunded = countyFunded
    }
}
