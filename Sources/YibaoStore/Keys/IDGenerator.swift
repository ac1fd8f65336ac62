import Foundation
import Synchronization

/// Time-ordered 63-bit identifiers: milliseconds since 2024-01-01 (41 bits, ~69 years), a node
/// number (8 bits, for several server processes on one PostgreSQL) and a per-millisecond sequence
/// (14 bits). New rows on hot tables therefore append at the right edge of the index instead of
/// landing randomly as UUIDs would, and the key alone tells roughly when a row was made.
public final class IDGenerator: Sendable {
    public static let epochMillis: Int64 = 1_704_067_200_000
    private let node: Int64
    private let state = Mutex<(millis: Int64, sequence: Int64)>((0, 0))

    public init(node: Int = 0) {
        precondition((0..<256).contains(node), "node must be 0...255")
        self.node = Int64(node)
    }

    public static let shared = IDGenerator()

    public func next() -> Int64 {
        let now = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) - Self.epochMillis
        let (millis, sequence) = state.withLock { s -> (Int64, Int64) in
            if now > s.millis {
                s = (now, 0)
            } else {
                // Same millisecond (or the clock stepped back): keep counting on the last millisecond,
                // borrowing the next one when the sequence is exhausted, so ids never repeat or go back.
                s.sequence += 1
                if s.sequence >= 1 << 14 {
                    s = (s.millis + 1, 0)
                }
            }
            return (s.millis, s.sequence)
        }
        return millis << 22 | node << 14 | sequence
    }
}
