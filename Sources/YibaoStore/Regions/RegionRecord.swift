/// A pooling region (统筹区) known to this deployment.
public struct RegionRecord: Sendable, Equatable, Codable {
    public var admdvs: String
    public var name: String
    public var nameEn: String
    public var parent: String?

    public init(admdvs: String, name: String, nameEn: String = "", parent: String? = nil) {
        self.admdvs = admdvs
        self.name = name
        self.nameEn = nameEn
        self.parent = parent
    }

    enum CodingKeys: String, CodingKey {
        case admdvs, name, nameEn = "name_en", parent = "parent_admdvs"
    }
}
