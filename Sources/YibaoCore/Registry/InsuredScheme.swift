/// The basic scheme a person is enrolled in: which pooling region and which scheme code. A person holds
/// at most one at a time (domain guide §2), so this names the enrolment a second one collides with.
public struct InsuredScheme: Sendable, Hashable, Codable, CustomStringConvertible {
    public var region: RegionCode
    public var insutype: Insutype

    public init(region: RegionCode, insutype: Insutype) {
        self.region = region
        self.insutype = insutype
    }

    public var description: String { "\(region) \(insutype.rawValue)" }
}
