import SQLKit

/// Console job records (`console_jobs`): written when a job starts and when it ends, each in its own
/// short transaction outside the job's work (which is one transaction of its own).
public enum ConsoleJobRepository {
    public static func insert(_ job: ConsoleJobRecord, in db: any SQLDatabase) async throws {
        try await db.insert(into: "console_jobs")
            .columns("admdvs", "id", "kind", "user_id", "username", "title_zh", "title_en", "back", "request", "instance", "started_at",
                     "done", "total", "state")
            .values(SQLBind(job.admdvs), SQLBind(job.id), SQLBind(job.kind), SQLBind(job.userID), SQLBind(job.username), SQLBind(job.titleZh),
                    SQLBind(job.titleEn), SQLBind(job.back), SQLBind(job.request), SQLBind(job.instance), SQLBind(job.startedAt),
                    SQLBind(job.done), SQLBind(job.total), SQLBind(job.state.rawValue))
            .run()
    }

    /// Records the end of a job: its state, last progress and outcome.
    public static func finish(id: String, state: ConsoleJobRecord.State, done: Int, total: Int, outcome: String, at millis: Int64,
                              in db: any SQLDatabase) async throws {
        try await db.update("console_jobs").set("state", to: state.rawValue).set("done", to: done).set("total", to: total)
            .set("outcome", to: outcome).set("finished_at", to: millis).where("id", .equal, id).run()
    }

    public static func find(id: String, in db: any SQLDatabase) async throws -> ConsoleJobRecord? {
        try await db.select().column("*").from("console_jobs").where("id", .equal, id).first().map(record(from:))
    }

    /// A user's jobs, newest first.
    public static func started(by userID: Int64, limit: Int, in db: any SQLDatabase) async throws -> [ConsoleJobRecord] {
        try await db.select().column("*").from("console_jobs").where("user_id", .equal, userID)
            .orderBy("started_at", .descending).orderBy("id", .descending).limit(limit).all().map(record(from:))
    }

    static func record(from row: any SQLRow) throws -> ConsoleJobRecord {
        var job = ConsoleJobRecord(
            id: try row.decode(column: "id", as: String.self), admdvs: try row.decode(column: "admdvs", as: String.self),
            kind: try row.decode(column: "kind", as: String.self), userID: try row.decode(column: "user_id", as: Int64.self),
            username: try row.decode(column: "username", as: String.self), titleZh: try row.decode(column: "title_zh", as: String.self),
            titleEn: try row.decode(column: "title_en", as: String.self), back: try row.decode(column: "back", as: String.self),
            request: try row.decode(column: "request", as: String.self), instance: try row.decode(column: "instance", as: String.self),
            startedAt: try row.decode(column: "started_at", as: Int64.self))
        job.finishedAt = try row.decode(column: "finished_at", as: Int64?.self)
        job.done = try row.decode(column: "done", as: Int.self)
        job.total = try row.decode(column: "total", as: Int.self)
        job.state = ConsoleJobRecord.State(rawValue: try row.decode(column: "state", as: String.self)) ?? .failed
        job.outcome = try row.decode(column: "outcome", as: String?.self)
        return job
    }
}
