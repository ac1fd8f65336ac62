import Crypto

/// The chain's hash: SHA-256 over the previous link's hash and this row's fields, each field
/// length-prefixed so that moving text from one field to the next changes the hash.
enum AuditHash {
    static let genesis = String(repeating: "0", count: 64)

    static func compute(prevHash: String, region: String, seq: Int64, at: Int64, actor: String, role: String,
                        action: String, target: String, before: String, after: String) -> String {
        var hasher = SHA256()
        for field in [prevHash, region, String(seq), String(at), actor, role, action, target, before, after] {
            let bytes = Array(field.utf8)
            hasher.update(data: Array(String(bytes.count).utf8) + [0x3A]) // "<length>:"
            hasher.update(data: bytes)
        }
        return hasher.finalize().map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    static func compute(_ r: AuditRecord) -> String {
        compute(prevHash: r.prevHash, region: r.region, seq: r.seq, at: r.at, actor: r.actor, role: r.role,
                action: r.action, target: r.target, before: r.before, after: r.after)
    }
}
