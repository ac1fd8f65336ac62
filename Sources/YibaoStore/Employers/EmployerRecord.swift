/// A contributing employer (参保单位). `creditCode` is the validated unified social credit code.
public struct EmployerRecord: Sendable, Equatable {
    public var admdvs: String
    public var id: Int64
    public var creditCode: String
    public var name: String
    /// enterprise, institution (事业单位), government, individual business …
    public var kind: String
    public var contact: String

    public init(admdvs: String, id: Int64 = 0, creditCode: String, name: String, kind: String, contact: String = "") {
        self.admdvs = admdvs
        self.id = id
        self.creditCode = creditCode
        self.name = name
        self.kind = kind
        self.contact = contact
    }
}
