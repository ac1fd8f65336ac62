import SQLKit
import YibaoCore

/// Walks every region's chain and names the first link that does not hold.
///
/// Each kind of tampering breaks a different check: an edited row no longer matches its own hash;
/// a deleted row leaves a gap in `seq` (or, at the end, a head that points past the last row); a row
/// inserted or reordered carries a `prev_hash` that is not its predecessor's hash.
public struct AuditVerifier: Sendable {
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        public enum Problem: String, Sendable { case edited, deleted, outOfOrder = "out_of_order" }
        public var region: String
        public var seq: Int64
        public var problem: Problem
        public var message: String
        public var messageEn: String
        public var description: String { "[\(region) #\(seq)] \(problem.rawValue): \(message) / \(messageEn)" }
    }

    public struct Report: Sendable {
        public var rowsChecked: Int
        public var regions: Int
        public var findings: [Finding]
        public var isIntact: Bool { findings.isEmpty }
    }

    public let database: any Database
    public init(database: any Database) { self.database = database }

    public func verify(pageSize: Int = 5_000) async throws -> Report {
        let regions = try await database.read { db in
            try await db.raw("""
                SELECT admdvs FROM audit_heads UNION SELECT DISTINCT admdvs FROM audit_log ORDER BY admdvs
                """).all().map { try $0.decode(column: "admdvs", as: String.self) }
        }
        var findings: [Finding] = []
        var rows = 0
        for region in regions {
            let (checked, finding) = try await verify(region: region, pageSize: pageSize)
            rows += checked
            if let finding { findings.append(finding) }
        }
        return Report(rowsChecked: rows, regions: regions.count, findings: findings)
    }

    private func verify(region: String, pageSize: Int) async throws -> (Int, Finding?) {
        var expectedSeq: Int64 = 1
        var prevHash = AuditHash.genesis
        var checked = 0
        while true {
            let from = expectedSeq
            let page = try await database.read { db in
                try await db.raw("""
                    SELECT * FROM audit_log WHERE admdvs = \(bind: region) AND seq >= \(bind: from)
                    ORDER BY seq LIMIT \(bind: pageSize)
                    """).all().map(AuditRecord.init(row:))
            }
            for record in page {
                checked += 1
                if record.seq != expectedSeq {
                    return (checked, Finding(region: region, seq: expectedSeq, problem: .deleted,
                                             message: "第 \(expectedSeq) 条记录缺失（被删除）", messageEn: "row \(expectedSeq) is missing (deleted)"))
                }
                if AuditHash.compute(record) != record.hash {
                    return (checked, Finding(region: region, seq: record.seq, problem: .edited,
                                             message: "第 \(record.seq) 条记录内容与其哈希不符（被修改）",
                                             messageEn: "row \(record.seq) does not match its hash (edited)"))
                }
                if record.prevHash != prevHash {
                    return (checked, Finding(region: region, seq: record.seq, problem: .outOfOrder,
                                             message: "第 \(record.seq) 条记录的前序哈希与上一条不符（插入或顺序被改动）",
                                             messageEn: "row \(record.seq) does not link to the row before it (inserted or reordered)"))
                }
                prevHash = record.hash
                expectedSeq += 1
            }
            if page.count < pageSize { break }
        }
        let lastSeq = expectedSeq - 1
        let head = try await database.read { db in
            try await db.raw("SELECT seq, hash FROM audit_heads WHERE admdvs = \(bind: region)").first()
        }
        let headSeq = try head?.decode(column: "seq", as: Int64.self) ?? 0
        let headHash = try head?.decode(column: "hash", as: String.self) ?? AuditHash.genesis
        if headSeq != lastSeq || headHash != prevHash {
            let missing = lastSeq + 1
            return (checked, Finding(region: region, seq: missing, problem: .deleted,
                                     message: "链尾记录缺失：链头指向第 \(headSeq) 条，实际只到第 \(lastSeq) 条",
                                     messageEn: "the chain head points to row \(headSeq) but rows end at \(lastSeq) (rows deleted at the end)"))
        }
        return (checked, nil)
    }
}
