/// Migration 10 (issue 7, long work from the console): job records kept in the database, so the jobs
/// page still shows them after a restart (`ConsoleJobRepository`). `request` is the form post that
/// started the job (to run it again); `outcome` its summary, both JSON written by the console.
extension Schema {
    static let v10ConsoleJobs = Migration(10, "console jobs", [
        """
        CREATE TABLE console_jobs (
            admdvs TEXT NOT NULL,
            id TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            user_id BIGINT NOT NULL,
            username TEXT NOT NULL,
            title_zh TEXT NOT NULL,
            title_en TEXT NOT NULL,
            back TEXT NOT NULL,
            request TEXT NOT NULL,
            instance TEXT NOT NULL,
            started_at BIGINT NOT NULL,
            finished_at BIGINT,
            done BIGINT NOT NULL DEFAULT 0,
            total BIGINT NOT NULL DEFAULT 0,
            state TEXT NOT NULL CHECK (state IN ('running', 'succeeded', 'failed')),
            outcome TEXT,
            PRIMARY KEY (admdvs, id))
        """,
        "CREATE INDEX console_jobs_by_user ON console_jobs (user_id, started_at)",
    ])
}
