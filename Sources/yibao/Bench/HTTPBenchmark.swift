import Foundation
import YibaoCore

/// Real-time settlement over HTTP against a running server on 127.0.0.1: `clients` concurrent HIS
/// clients, each on its own thread and keep-alive connection, looping register → fee upload →
/// (discharge →) settle with fresh msgids until the time or the request budget runs out. Bodies are
/// built as text and answers scanned for the few fields needed, so the generator spends little of the
/// shared CPU.
struct HTTPBenchmark: Sendable {
    /// `envelope` is the floor under the other two: three calls a flow, as an outpatient flow makes,
    /// each naming no transaction (infno 0000, answered `INFNO_UNKNOWN`). They pay what every HIS call
    /// pays before its transaction (HTTP, the token's look-up, the envelope, the institution, the answer)
    /// and nothing more.
    enum Kind: String, Sendable { case outpatient, inpatient, envelope }

    struct Result: Sendable {
        var clients: Int
        var settlements: Int
        var seconds: Double
        var settle: [Duration]
        var flow: [Duration]
        var errors: [String: Int]
        var perSecond: Double { Double(settlements) / seconds }
    }

    /// One demo fee line: catalogue code, unit price in fen, count.
    struct Line: Sendable { var code: String; var priceFen: Int64; var count: Int64 }

    let port: UInt16
    let token: String
    let institution: String
    let kind: Kind
    let runID: String

    /// Xiamen employee-scheme items every demo hospital declares (no sex or grade restriction).
    static let codes = [
        "110200001", "XA10BAA001A001010100001", "XC09AAA001A001010100002", "XJ01CAA040A001010100003", "XN02BEA001A001010100004",
        "XA02BCA001A001010100005", "XC10AAA005A001010100006", "XJ01DDA001A001010100007", "XR03ACA002A001010100009",
        "XA11CCA001A001010100013", "250101001", "250301001", "310701001", "120100001", "120400001", "210300001",
        "C0101010010000000001", "XM01AEA001A001010100015", "XA07BCA001A001010100017", "XJ05ABA001A001010100018",
    ]

    /// 5 outpatient or 50 inpatient lines; prices vary so some lines pass their ceiling.
    var lines: [Line] {
        let count = kind == .inpatient ? 50 : 5
        return (0..<count).map { i in Line(code: Self.codes[i % Self.codes.count], priceFen: Int64(500 + (i * 137) % 2_500), count: Int64(1 + i % 3)) }
    }

    static func money(_ fen: Int64) -> String { Money(fen: fen).description }

    /// Reads `psn_no` of each identity number with 1101.
    func persons(certnos: [String]) throws -> [String] {
        let connection = try LoopbackConnection(port: port)
        var result: [String] = []
        for (i, certno) in certnos.enumerated() {
            let (text, _) = try post(connection, infno: "1101", msgid: "\(runID)-q\(i)", input: #"{"data":{"certno":"\#(certno)"}}"#)
            guard Self.infcode(text) == 0, let psnNo = Self.field("psn_no", in: text) else {
                throw DomainError(code: "BENCH_PERSON", message: "查询参保人失败：\(text.prefix(300))", messageEn: "1101 failed: \(text.prefix(300))")
            }
            result.append(psnNo)
        }
        return result
    }

    /// Runs `clients` loops for at most `seconds` and `maxFlows` settlements in all. Each client is a
    /// thread of its own with blocking sockets; the caller's task waits without holding a thread of
    /// Swift's cooperative pool.
    func run(clients: Int, seconds: Double, maxFlows: Int, persons: [String], level: Int) async -> Result {
        let clock = ContinuousClock()
        let begin = clock.now
        let deadline = begin + .milliseconds(Int64(seconds * 1000))
        let budget = Budget(maxFlows)
        let outcomes = Outcomes()
        let done = DispatchGroup()
        for c in 0..<clients {
            done.enter()
            Thread.detachNewThread {
                var outcome = ClientOutcome()
                do {
                    let connection = try LoopbackConnection(port: port)
                    var n = 0
                    while clock.now < deadline, budget.take() {
                        // Client c's n-th flow: while there are more people than clients, no two
                        // clients settle for the same person in the same round.
                        let psnNo = persons[(c + n * clients) % persons.count]
                        n += 1
                        flow(connection, psnNo: psnNo, prefix: "\(runID)-\(level)-\(c)-\(n)", clock: clock, into: &outcome)
                        if outcome.broken { break }
                    }
                } catch {
                    outcome.errors["transport: \(error)", default: 0] += 1
                }
                outcomes.add(outcome)
                done.leave()
            }
        }
        await withCheckedContinuation { finished in done.notify(queue: .global()) { finished.resume() } }
        let elapsed = clock.now - begin
        let all = outcomes.all
        return Result(clients: clients, settlements: all.settle.count,
                      seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                      settle: all.settle.sorted(), flow: all.flow.sorted(), errors: all.errors)
    }

    struct ClientOutcome: Sendable {
        var settle: [Duration] = []
        var flow: [Duration] = []
        var errors: [String: Int] = [:]
        /// The connection failed: this client stops (the server closed it or went away).
        var broken = false
        mutating func merge(_ other: ClientOutcome) {
            settle += other.settle
            flow += other.flow
            errors.merge(other.errors, uniquingKeysWith: +)
        }
    }

    /// The clients' outcomes, gathered as their threads finish.
    final class Outcomes: @unchecked Sendable {
        private let lock = NSLock()
        private var merged = ClientOutcome()
        func add(_ outcome: ClientOutcome) { lock.withLock { merged.merge(outcome) } }
        var all: ClientOutcome { lock.withLock { merged } }
    }

    /// The shared request budget of one level.
    final class Budget: @unchecked Sendable {
        private let lock = NSLock()
        private var left: Int
        init(_ left: Int) { self.left = left }
        func take() -> Bool { lock.withLock { guard left > 0 else { return false }; left -= 1; return true } }
    }

    /// One encounter from registration to settlement; a failed step ends the flow and counts its error.
    func flow(_ connection: LoopbackConnection, psnNo: String, prefix: String, clock: ContinuousClock, into outcome: inout ClientOutcome) {
        let start = clock.now
        if kind == .envelope { return envelopes(connection, prefix: prefix, clock: clock, start: start, into: &outcome) }
        do {
            let inpatient = kind == .inpatient
            let register = inpatient
                ? #"{"mdtrtinfo":{"psn_no":"\#(psnNo)","insutype":"310","begntime":"2026-11-01 08:00:00","med_type":"21","ipt_no":"\#(prefix)"}}"#
                : #"{"data":{"psn_no":"\#(psnNo)","insutype":"310","begntime":"2026-11-20 09:00:00","med_type":"11","ipt_otp_no":"\#(prefix)"}}"#
            let opened = try step(connection, infno: inpatient ? "2401" : "2201", msgid: "\(prefix)-r", input: register, into: &outcome)
            guard let mdtrtID = Self.field("mdtrt_id", in: opened) else { throw StepFailed() }
            var total: Int64 = 0
            var details: [String] = []
            for (i, line) in lines.enumerated() {
                let amount = line.priceFen * line.count
                total += amount
                details.append(#"{"feedetl_sn":"\#(i + 1)","mdtrt_id":"\#(mdtrtID)","psn_no":"\#(psnNo)","med_list_codg":"\#(line.code)","medins_list_codg":"HIS-\#(line.code)","det_item_fee_sumamt":"\#(Self.money(amount))","cnt":"\#(line.count)","pric":"\#(Self.money(line.priceFen))","fee_ocur_time":"\#(inpatient ? "2026-11-05" : "2026-11-20") 09:10:00"}"#)
            }
            _ = try step(connection, infno: inpatient ? "2301" : "2204", msgid: "\(prefix)-f",
                               input: #"{"feedetail":[\#(details.joined(separator: ","))]}"#, into: &outcome)
            if inpatient {
                _ = try step(connection, infno: "2402", msgid: "\(prefix)-d",
                                   input: #"{"dscginfo":{"mdtrt_id":"\#(mdtrtID)","psn_no":"\#(psnNo)","endtime":"2026-11-10 10:00:00"}}"#, into: &outcome)
            }
            let settleStart = clock.now
            _ = try step(connection, infno: inpatient ? "2304" : "2207", msgid: "\(prefix)-s",
                               input: #"{"data":{"psn_no":"\#(psnNo)","mdtrt_id":"\#(mdtrtID)","medfee_sumamt":"\#(Self.money(total))","insutype":"310"}}"#,
                               into: &outcome)
            let end = clock.now
            outcome.settle.append(end - settleStart)
            outcome.flow.append(end - start)
        } catch is StepFailed {
        } catch {
            outcome.errors["transport: \(error)", default: 0] += 1
            outcome.broken = true
        }
    }

    /// Three calls that stop at the envelope; the last one's time counts as the settle time.
    func envelopes(_ connection: LoopbackConnection, prefix: String, clock: ContinuousClock, start: ContinuousClock.Instant,
                   into outcome: inout ClientOutcome) {
        do {
            var last = start
            for i in 1...3 {
                last = clock.now
                let (text, status) = try post(connection, infno: "0000", msgid: "\(prefix)-\(i)", input: "{}")
                guard status == 200, Self.field("err_code", in: text) == "INFNO_UNKNOWN" else {
                    outcome.errors["0000 \(Self.field("err_code", in: text) ?? "HTTP \(status)")", default: 0] += 1
                    return
                }
            }
            let end = clock.now
            outcome.settle.append(end - last)
            outcome.flow.append(end - start)
        } catch {
            outcome.errors["transport: \(error)", default: 0] += 1
            outcome.broken = true
        }
    }

    struct StepFailed: Error {}

    /// One call whose answer must be `infcode` 0; otherwise its `err_code` is counted and the flow stops.
    func step(_ connection: LoopbackConnection, infno: String, msgid: String, input: String, into outcome: inout ClientOutcome) throws -> String {
        let (text, status) = try post(connection, infno: infno, msgid: msgid, input: input)
        guard status == 200, Self.infcode(text) == 0 else {
            outcome.errors["\(infno) \(Self.field("err_code", in: text) ?? "HTTP \(status)")", default: 0] += 1
            throw StepFailed()
        }
        return text
    }

    func post(_ connection: LoopbackConnection, infno: String, msgid: String, input: String) throws -> (String, Int) {
        let body = #"{"infno":"\#(infno)","msgid":"\#(msgid)","fixmedins_code":"\#(institution)","opter":"bench","inf_time":"2026-11-20 09:30:00","input":\#(input)}"#
        let head = "POST /his HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAuthorization: Bearer \(token)\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
        let answer = try connection.exchange(Array(head.utf8) + Array(body.utf8))
        return (answer.body, answer.status)
    }

    /// `"infcode":N` of an answer (the server writes compact JSON).
    static func infcode(_ text: String) -> Int? {
        guard let range = text.range(of: #""infcode":"#) else { return nil }
        return Int(text[range.upperBound...].prefix { $0 == "-" || $0.isNumber })
    }

    /// The first string value of `"name":"…"` in an answer.
    static func field(_ name: String, in text: String) -> String? {
        guard let range = text.range(of: "\"\(name)\":\"") else { return nil }
        return String(text[range.upperBound...].prefix { $0 != "\"" })
    }
}
