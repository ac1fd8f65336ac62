/// What an action is aimed at: the region the data belongs to, and where known the designated institution,
/// the insured person and the contributing employer it concerns. A route fills in everything it knows about
/// its target (a settlement carries region, institution and person; an employer's bill region and
/// employer); each kind of principal is checked on its own dimension.
public struct Scope: Hashable, Sendable {
    public var region: RegionCode
    /// `fixmedins_code`. Routes serving an institution (person look-up before settlement) pass the calling
    /// institution here.
    public var institutionCode: String?
    public var personID: Int64?
    /// The employer whose record, roster, bases, bills or payments the target is (employers are keyed
    /// by region and id).
    public var employerID: Int64?

    public init(region: RegionCode, institutionCode: String? = nil, personID: Int64? = nil, employerID: Int64? = nil) {
        self.region = region
        self.institutionCode = institutionCode
        self.personID = personID
        self.employerID = employerID
    }
}
