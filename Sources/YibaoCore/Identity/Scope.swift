/// What an action is aimed at: the region the data belongs to, and where known the designated institution
/// and the insured person it concerns. A route fills in everything it knows about its target (a settlement
/// carries all three); each kind of principal is checked on its own dimension.
public struct Scope: Hashable, Sendable {
    public var region: RegionCode
    /// `fixmedins_code`. Routes serving an institution (person look-up before settlement) pass the calling
    /// institution here.
    public var institutionCode: String?
    public var personID: Int64?

    public init(region: RegionCode, institutionCode: String? = nil, personID: Int64? = nil) {
        self.region = region
        self.institutionCode = institutionCode
        self.personID = personID
    }
}
