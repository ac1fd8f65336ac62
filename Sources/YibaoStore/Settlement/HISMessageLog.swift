import SQLKit
import YibaoCore

/// Idempotency of HIS writes by (`fixmedins_code`, `msgid`): the first answer is stored with the
/// transaction's effects and returned again for a retry, which therefore changes nothing.
///
/// The answer row is written last, in one statement, rather than claimed first and filled in at the
/// end (which cost a second write of the row on every request). A msgid that already has an answer
/// makes that insert find a clash, and the whole transaction, the body's effects included, is undone.
/// A retry, or a twin of the same message that committed first, therefore gets the stored answer
/// whether its body then failed (a second 2207 finds the encounter settled) or succeeded only to be
/// rolled back. On PostgreSQL a twin still in flight holds the key: the insert waits for it to commit.
public enum HISMessageLog {
    /// Runs `body`, which returns the answer text, in one `Database.write` that also stores the answer
    /// under the msgid; a msgid answered before returns that answer and leaves nothing written, and one
    /// used for a different request is refused (`MSGID_REUSED`).
    public static func answerOnce(admdvs: String, institution: String, msgid: String, infno: String, requestSHA256: String,
                                  in database: any Database,
                                  _ body: @escaping @Sendable (any SQLDatabase) async throws -> String) async throws -> String {
        do {
            return try await database.write { db in
                let text = try await body(db)
                guard try await db.first(insertAnswer, admdvs, institution, msgid, infno, requestSHA256, text, Clock.nowMillis()) != nil else {
                    throw AnsweredBefore()
                }
                return text
            }
        } catch {
            let stored: String?
            do {
                stored = try await database.read { db in
                    try await answer(admdvs: admdvs, institution: institution, msgid: msgid, infno: infno, requestSHA256: requestSHA256, in: db)
                }
            } catch let refusal as DomainError {
                throw refusal
            } catch {
                stored = nil // the look-up failed too: the body's own error says more
            }
            if let stored { return stored }
            throw error
        }
    }

    /// The stored answer of `msgid`, nil when there is none; `MSGID_REUSED` when it answered another request.
    static func answer(admdvs: String, institution: String, msgid: String, infno: String, requestSHA256: String,
                       in db: any SQLDatabase) async throws -> String? {
        guard let row = try await db.first(storedAnswer, admdvs, institution, msgid) else { return nil }
        guard try row.decode(column: "infno", as: String.self) == infno,
              try row.decode(column: "request_sha256", as: String.self) == requestSHA256 else {
            throw DomainError(.conflict, code: "MSGID_REUSED", message: "报文号 \(msgid) 已用于另一笔不同的交易，请使用新的 msgid",
                              messageEn: "msgid \(msgid) was already used for a different request; use a new msgid", path: "msgid")
        }
        return try row.decode(column: "response", as: String.self)
    }

    /// Thrown inside the transaction to undo it when the msgid turns out to be answered already.
    struct AnsweredBefore: Error {}

    /// Returns the key on insert and nothing on a clash.
    private static let insertAnswer = StaticSQL("""
        INSERT INTO his_messages (admdvs, fixmedins_code, msgid, infno, request_sha256, response, created_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (admdvs, fixmedins_code, msgid) DO NOTHING
        RETURNING msgid
        """)
    private static let storedAnswer = StaticSQL("""
        SELECT infno, request_sha256, response FROM his_messages WHERE admdvs = $1 AND fixmedins_code = $2 AND msgid = $3
        """)
}
