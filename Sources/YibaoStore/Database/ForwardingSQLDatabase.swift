import Logging
import NIOCore
import SQLKit

/// A session that wraps another and changes only how some statements run (`PostgresPreparedSession`,
/// the tests' statement counter): everything else is the wrapped session's.
public protocol ForwardingSQLDatabase: SQLDatabase {
    var base: any SQLDatabase { get }
}

extension ForwardingSQLDatabase {
    public var logger: Logger { base.logger }
    public var eventLoop: any EventLoop { base.eventLoop }
    public var version: (any SQLDatabaseReportedVersion)? { base.version }
    public var dialect: any SQLDialect { base.dialect }
    public var queryLogLevel: Logger.Level? { base.queryLogLevel }
}
