#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One blocking HTTP/1.1 keep-alive connection to 127.0.0.1, for the load generator.
///
/// The generator shares the machine's two cores with the server it measures, so it must cost as
/// little as possible: a request is one `send` of bytes built by the caller, an answer is read with
/// `recv` until its `Content-Length` is in. No event loop, no pool, no parsing beyond the status line
/// and the one header the server always writes. Each benchmark client owns one connection on its own
/// thread.
final class LoopbackConnection {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let fd: Int32
    private var buffer: [UInt8] = []
    /// Bytes of `buffer` already handed out (dropped when the next request is sent).
    private var consumed = 0
    private var scratch = [UInt8](repeating: 0, count: 32 << 10)

    init(port: UInt16) throws {
        #if canImport(Glibc)
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        var noDelay: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw Failure(description: "connect 127.0.0.1:\(port): errno \(errno)")
        }
        buffer.reserveCapacity(64 << 10)
    }

    deinit { close(fd) }

    /// Sends `request` (a whole HTTP/1.1 request) and returns the answer's status and body.
    func exchange(_ request: [UInt8]) throws -> (status: Int, body: String) {
        try request.withUnsafeBytes { raw in
            var sent = 0
            while sent < raw.count {
                let n = send(fd, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                guard n > 0 else { throw Failure(description: "send: errno \(errno)") }
                sent += n
            }
        }
        buffer.removeFirst(consumed) // the last answer's bytes; positions below are fixed from here on
        consumed = 0
        let headEnd = try readUntilHeadEnd()
        let head = String(decoding: buffer[..<headEnd], as: UTF8.self)
        guard head.hasPrefix("HTTP/1.1 "), let status = Int(head.dropFirst(9).prefix(3)) else {
            throw Failure(description: "not an HTTP/1.1 answer: \(head.prefix(80))")
        }
        guard let length = Self.contentLength(head) else { throw Failure(description: "answer without Content-Length") }
        let bodyStart = headEnd + 4
        while buffer.count - bodyStart < length { try fill() }
        let body = String(decoding: buffer[bodyStart..<(bodyStart + length)], as: UTF8.self)
        consumed = bodyStart + length
        return (status, body)
    }

    /// Index of the `\r\n\r\n` that ends the answer's head, reading more as needed.
    private func readUntilHeadEnd() throws -> Int {
        var from = 0
        while true {
            while from + 3 < buffer.count {
                if buffer[from] == 13, buffer[from + 1] == 10, buffer[from + 2] == 13, buffer[from + 3] == 10 { return from }
                from += 1
            }
            try fill()
        }
    }

    /// Appends what the socket has.
    private func fill() throws {
        let n = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
        guard n > 0 else { throw Failure(description: n == 0 ? "server closed the connection" : "recv: errno \(errno)") }
        buffer.append(contentsOf: scratch[..<n])
    }

    private static func contentLength(_ head: String) -> Int? {
        for line in head.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "content-length" {
                return Int(parts[1].filter { $0 != " " })
            }
        }
        return nil
    }
}

