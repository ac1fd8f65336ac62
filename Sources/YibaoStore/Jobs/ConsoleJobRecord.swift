/// A long piece of work started from the console (an import, a batch), as stored in `console_jobs`.
/// The console writes `request` (the form post that started it) and `outcome` as JSON; the store keeps
/// them as text.
public struct ConsoleJobRecord: Sendable, Equatable {
    public enum State: String, Sendable {
        case running, succeeded, failed
    }

    public var id: String
    public var admdvs: String
    public var kind: String
    public var userID: Int64
    public var username: String
    public var titleZh: String
    public var titleEn: String
    /// The page the work belongs to (the employer, the statement form).
    public var back: String
    public var request: String
    /// The server process that runs it: a `running` job of another process was cut off by a restart.
    public var instance: String
    public var startedAt: Int64
    public var finishedAt: Int64? = nil
    public var done = 0
    public var total = 0
    public var state = State.running
    public var outcome: String? = nil

    public init(id: String, admdvs: String, kind: String, userID: Int64, username: String, titleZh: String, titleEn: String,
                back: String, request: String, instance: String, startedAt: Int64) {
        (self.id, self.admdvs, self.kind, self.userID, self.username) = (id, admdvs, kind, userID, username)
        (self.titleZh, self.titleEn, self.back, self.request, self.instance, self.startedAt) = (titleZh, titleEn, back, request, instance, startedAt)
    }
}
