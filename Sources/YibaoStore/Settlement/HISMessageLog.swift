import SQLKit
import YibaoCore

/// Idempotency of HIS writes by (`fixmedins_code`, `msgid`): the first answer is stored with the
/// transaction's effects and returned again for a retry, which therefore changes nothing.
///
/// `claim` inserts the message row, or on a clash touches the existing one, and reads it back in one
/// statement: a concurrent retry of the same msgid waits on that row until the first commits and then
/// finds its answer; if the first rolled back, the retry inserts and is processed afresh.
public enum HISMessageLog {
    public enum Claim: Sendable {
        case new
        case answered(String)
    }

    public static func claim(admdvs: String, institution: String, msgid: String, infno: String, requestSHA256: String,
                             in db: any SQLDatabase) async throws -> Claim {
        guard let row = try await db.first(insertOrTouch, admdvs, institution, msgid, infno, requestSHA256, Clock.nowMillis()) else {
            preconditionFailure("message row vanished inside its own transaction")
        }
        let response = try row.decode(column: "response", as: String.self)
        if response.isEmpty { return .new }
        guard try row.decode(column: "infno", as: String.self) == infno,
              try row.decode(column: "request_sha256", as: String.self) == requestSHA256 else {
            throw DomainError(.conflict, code: "MSGID_REUSED", message: "报文号 \(msgid) 已用于另一笔不同的交易，请使用新的 msgid",
                              messageEn: "msgid \(msgid) was already used for a different request; use a new msgid", path: "msgid")
        }
        return .answered(response)
    }

    public static func record(admdvs: String, institution: String, msgid: String, response: String, in db: any SQLDatabase) async throws {
        try await db.run(answer, response, admdvs, institution, msgid)
    }

    /// The no-op update returns the stored row (`DO NOTHING` would return nothing on a clash).
    private static let insertOrTouch = StaticSQL("""
        INSERT INTO his_messages (admdvs, fixmedins_code, msgid, infno, request_sha256, response, created_at)
        VALUES ($1, $2, $3, $4, $5, '', $6)
        ON CONFLICT (admdvs, fixmedins_code, msgid) DO UPDATE SET msgid = his_messages.msgid
        RETURNING infno, request_sha256, response
        """)
    private static let answer = StaticSQL("""
        UPDATE his_messages SET response = $1 WHERE admdvs = $2 AND fixmedins_code = $3 AND msgid = $4
        """)
}
