import SQLKit
import YibaoCore

/// Versioned policy documents. A document is stored exactly as the analyst wrote it (text plus its
/// SHA-256) after it passed every check; versions are never overwritten, a change is a new document
/// with a later `effective_from`, so what applied on any past date can always be shown again.
public struct PolicyRepository: Sendable {
    public let database: any Database
    public init(database: any Database) { self.database = database }

    public func store(_ document: PolicyDocument, by actor: AuditActor, in db: any SQLDatabase) async throws {
        let meta = document.metadata
        guard try await db.select().column("admdvs").from("regions").where("admdvs", .equal, meta.region.value).first() != nil else {
            throw DomainError(.notFound, code: "REGION_NOT_FOUND", message: "统筹区不存在：\(meta.region)，请先登记统筹区",
                              messageEn: "region \(meta.region) does not exist; register it first", path: "region")
        }
        if try await db.select().column("doc_id").from("policy_documents").where("doc_id", .equal, meta.id).first() != nil {
            throw DomainError(.conflict, code: "POLICY_ID_EXISTS", message: "政策文件编号已存在：\(meta.id)（已发布的版本不能修改，请用新编号和新的生效日期）",
                              messageEn: "policy id \(meta.id) already exists (published versions are immutable; use a new id and effective date)", path: "id")
        }
        if let clash = try await db.select().column("doc_id").from("policy_documents")
            .where("admdvs", .equal, meta.region.value).where("insutype", .equal, meta.insutype.rawValue)
            .where("effective_from", .equal, meta.effectiveFrom.description).first() {
            let other = try clash.decode(column: "doc_id", as: String.self)
            throw DomainError(.conflict, code: "POLICY_VERSION_EXISTS",
                              message: "\(meta.region) 的险种 \(meta.insutype.rawValue) 在 \(meta.effectiveFrom) 已有生效版本 \(other)",
                              messageEn: "region \(meta.region) insutype \(meta.insutype.rawValue) already has version \(other) effective \(meta.effectiveFrom)",
                              path: "effective_from")
        }
        let digest = SecretToken.digest(document.text)
        try await db.insert(into: "policy_documents")
            .columns("admdvs", "id", "doc_id", "insutype", "effective_from", "title", "content", "content_sha256", "created_at", "created_by")
            .values(SQLBind(meta.region.value), SQLBind(IDGenerator.shared.next()), SQLBind(meta.id), SQLBind(meta.insutype.rawValue),
                    SQLBind(meta.effectiveFrom.description), SQLBind(meta.title ?? ""), SQLBind(document.text), SQLBind(digest),
                    SQLBind(Clock.nowMillis()), SQLBind(actor.name))
            .run()
        try await AuditTrail.append(AuditEvent(region: meta.region.value, actor: actor.name, role: actor.role, action: "policy.publish",
                                               target: "policy:\(meta.id)",
                                               after: "insutype=\(meta.insutype.rawValue) effective_from=\(meta.effectiveFrom) sha256=\(digest)"), in: db)
    }

    public func versions(region: String, insutype: String?) async throws -> [PolicyVersion] {
        try await database.read { db in
            var query = db.select().columns("doc_id", "admdvs", "insutype", "effective_from", "title", "content_sha256", "created_at", "created_by")
                .from("policy_documents").where("admdvs", .equal, region)
            if let insutype { query = query.where("insutype", .equal, insutype) }
            return try await query.orderBy("insutype").orderBy("effective_from").all().map(PolicyVersion.init(row:))
        }
    }

    /// The document in force on `date`: the latest whose `effective_from` is on or before it.
    /// Real-time settlement asks this on every request: the row's id and digest are read, and the text is
    /// fetched and parsed only the first time that version is seen (`ParsedPolicies`).
    public func inForce(region: String, insutype: String, on date: LocalDate) async throws -> PolicyDocument? {
        try await database.read { db in try await Self.inForce(region: region, insutype: insutype, on: date, in: db) }
    }

    private static let latestInForce = StaticSQL("""
        SELECT doc_id, content_sha256 FROM policy_documents
        WHERE admdvs = $1 AND insutype = $2 AND effective_from <= $3 ORDER BY effective_from DESC LIMIT 1
        """)

    /// The same, on the caller's connection: inside a transaction, asking the pool for a second
    /// connection could wait forever once every pooled connection is held by such a transaction.
    public static func inForce(region: String, insutype: String, on date: LocalDate, in db: any SQLDatabase) async throws -> PolicyDocument? {
        // Only the digest is read on the hot path: the parsed document is cached by it.
        guard let row = try await db.first(latestInForce, region, insutype, date.description) else { return nil }
        let id = try row.decode(column: "doc_id", as: String.self)
        let digest = try row.decode(column: "content_sha256", as: String.self)
        if let document = ParsedPolicies.shared.document(id: id, digest: digest) { return document }
        guard let full = try await db.select().columns("doc_id", "content").from("policy_documents")
            .where("doc_id", .equal, id).first() else { return nil }
        let document = try Self.document(from: full)
        ParsedPolicies.shared.store(document, id: id, digest: digest)
        return document
    }

    public func document(id: String) async throws -> PolicyDocument? {
        let row = try await database.read { db in
            try await db.select().columns("doc_id", "content").from("policy_documents").where("doc_id", .equal, id).first()
        }
        return try row.map(Self.document(from:))
    }

    /// Every stored document, for building an in-memory `PolicyLibrary` (the settlement engine's view).
    public func library() async throws -> PolicyLibrary {
        let rows = try await database.read { db in
            try await db.select().columns("doc_id", "content").from("policy_documents").orderBy("effective_from").all()
        }
        var library = PolicyLibrary()
        for row in rows { try library.add(try Self.document(from: row)) }
        return library
    }

    /// Stored text was valid when published; if a later binary rejects it, say so rather than guess.
    static func document(from row: any SQLRow) throws -> PolicyDocument {
        let id = try row.decode(column: "doc_id", as: String.self)
        let text = try row.decode(column: "content", as: String.self)
        do {
            return try PolicyDocument.load(text: text, file: "policy:\(id)")
        } catch {
            throw DomainError(.conflict, code: "POLICY_STORED_INVALID",
                              message: "已存储的政策文件 \(id) 不能被当前版本读取：\(error.description)",
                              messageEn: "stored policy \(id) no longer loads with this version: \(error.description)")
        }
    }
}

extension PolicyVersion {
    init(row: any SQLRow) throws {
        self.init(docID: try row.decode(column: "doc_id", as: String.self),
                  region: try row.decode(column: "admdvs", as: String.self),
                  insutype: try row.decode(column: "insutype", as: String.self),
                  effectiveFrom: try row.decode(column: "effective_from", as: String.self),
                  title: try row.decode(column: "title", as: String.self),
                  contentSHA256: try row.decode(column: "content_sha256", as: String.self),
                  createdAt: try row.decode(column: "created_at", as: Int64.self),
                  createdBy: try row.decode(column: "created_by", as: String.self))
    }
}
