import ArgumentParser
import Hummingbird
import YibaoServer
import YibaoStore

struct Serve: ReportingCommand {
    static let configuration = CommandConfiguration(abstract: "启动服务 / run the HTTP server (API, HIS interface, console)")

    @Option(help: "监听地址 / address to listen on") var host = "127.0.0.1"
    @Option(help: "端口 / port") var port = 8080
    @OptionGroup var database: DatabaseOption
    @OptionGroup var signIn: SignInRulesOption
    @Option(help: "令牌在内存中保留的秒数，吊销或停用最迟在此后生效；0 为每次读库 / seconds a bearer token's user is kept in memory: a revocation or a disabled user takes at most this long to be refused; 0 reads the database on every call")
    var tokenCacheSeconds = 2.0
    @Option(help: "控制台会话闲置多少分钟后结束（0–480，0 为不限，最长仍为 8 小时）/ minutes without a request after which a console session ends (0–480; 0 only the 8-hour limit)")
    var sessionIdleMinutes = Int(UserRepository.standardSessionIdle.components.seconds / 60)
    @Flag(help: "载入演示数据、2,000 人合成人口及其 2,000 次就诊结算（如尚未载入）/ load the demo regions, policies, users, a generated population of 2,000 and 2,000 settled encounters of theirs, if not yet loaded") var demo = false

    /// The database runs (PostgreSQL's pool needs `run()`) from before migration and demo loading until
    /// the server has stopped.
    func execute() async throws {
        let logger = CommandLogging.logger
        let location = try database.location()
        let (host, port, demo, signIn) = (host, port, demo, signIn)
        guard tokenCacheSeconds >= 0, tokenCacheSeconds <= 300 else {
            throw ValidationError("--token-cache-seconds 须在 0 到 300 之间 / must be between 0 and 300")
        }
        let tokenCacheLifetime = Duration.milliseconds(Int64((tokenCacheSeconds * 1000).rounded()))
        guard (0...480).contains(sessionIdleMinutes) else {
            throw ValidationError("--session-idle-minutes 须在 0 到 480 之间 / must be between 0 and 480")
        }
        let sessionIdle = Duration.seconds(sessionIdleMinutes * 60)
        try await DatabaseOpening.with(location, logger: logger) { db in
            if demo {
                try await DemoData.load(into: db, logger: logger)
                try await DemoData.loadPopulation(into: db, logger: logger)
                try await DemoData.loadEncounters(into: db, logger: logger)
            }
            logger.info("yibao serving http://\(host):\(port) on \(location)")
            let app = YibaoApplication.make(
                configuration: ServerConfiguration(host: host, port: port, database: location, demo: demo,
                                                   tokenCacheLifetime: tokenCacheLifetime, passwordRules: signIn.passwordRules,
                                                   lockout: signIn.lockout, sessionIdle: sessionIdle),
                database: db, logger: logger, runsDatabase: false)
            try await app.runService()
        }
    }
}
