import Hummingbird
import YibaoCore
import YibaoStore

/// Per-request state: who is calling (set by `AuthenticationMiddleware`), nothing else.
public struct YibaoRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var principal: Principal?
    /// A console session whose password an administrator set, or one past its age: only the password
    /// change is open to it.
    public var passwordChange: PasswordChangeReason?
    public var passwordChangeRequired: Bool { passwordChange != nil }

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.principal = nil
    }

    /// Policy documents and CSV files are larger than typical JSON bodies.
    public var maxUploadSize: Int { 16 * 1024 * 1024 }
}
