import ArgumentParser
import Logging
import YibaoStore

/// `--database`: an SQLite file (created and migrated on first use) or a `postgres://` URL.
/// Defaults to `$YIBAO_DATABASE`, else `yibao.sqlite` in the working directory.
struct DatabaseOption: ParsableArguments {
    @Option(name: .long, help: "SQLite 文件路径或 postgres:// 地址 / SQLite file path or postgres:// URL (default: $YIBAO_DATABASE or yibao.sqlite)")
    var database: String?

    func location() throws -> DatabaseLocation {
        let text = database ?? Environment.value("YIBAO_DATABASE") ?? "yibao.sqlite"
        return try DatabaseLocation.parse(text)
    }

    /// Opens and migrates the database for the duration of `body`.
    func with<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await DatabaseOpening.with(try location(), logger: CommandLogging.logger, body)
    }
}
