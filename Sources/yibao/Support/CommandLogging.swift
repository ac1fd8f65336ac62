import Logging

/// Logs go to standard error so that standard output stays clean for data (JSON, tables).
/// Level from `$YIBAO_LOG_LEVEL` (trace … critical), default info.
enum CommandLogging {
    static let logger: Logger = {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = Environment.value("YIBAO_LOG_LEVEL").flatMap(Logger.Level.init(rawValue:)) ?? .info
            return handler
        }
        return Logger(label: "yibao")
    }()
}
