import YibaoCore

/// A stored policy document's identity, without its text: enough for version lists.
public struct PolicyVersion: Sendable, Equatable, Codable {
    public var docID: String
    public var region: String
    public var insutype: String
    public var effectiveFrom: String
    public var title: String
    public var contentSHA256: String
    public var createdAt: Int64
    public var createdBy: String

    enum CodingKeys: String, CodingKey {
        case docID = "id", region = "admdvs", insutype, effectiveFrom = "effective_from", title,
             contentSHA256 = "content_sha256", createdAt = "created_at", createdBy = "created_by"
    }
}
