import ArgumentParser
import Foundation
import YibaoStore

/// `yibao user disable | enable | unlock | tokens | revoke`: taking access away and giving it back. A running
/// server sees the change within its `--token-cache-seconds` (docs/configuration.md).
extension UserCommand {
    struct Disable: UserSwitch {
        static let configuration = CommandConfiguration(
            abstract: "停用用户（结束其会话，令牌停用期间无效）/ disable a user: its sessions end, its tokens are refused while disabled")
        static let (active, done, already) = (false, "已停用 / disabled", "已是停用状态 / was already disabled")
        @Argument(help: "用户名 / username") var username: String
        @OptionGroup var database: DatabaseOption
    }

    struct Enable: UserSwitch {
        static let configuration = CommandConfiguration(abstract: "启用已停用的用户 / enable a disabled user again")
        static let (active, done, already) = (true, "已启用 / enabled", "已是启用状态 / was already enabled")
        @Argument(help: "用户名 / username") var username: String
        @OptionGroup var database: DatabaseOption
    }

    /// The operator's way back in when every administrator has locked themselves out.
    struct Unlock: ReportingCommand {
        static let configuration = CommandConfiguration(
            abstract: "解除因连续登录失败造成的锁定 / lift the lock that wrong passwords put on a user's sign-in")
        @Argument(help: "用户名 / username") var username: String
        @OptionGroup var database: DatabaseOption

        func execute() async throws {
            let username = username
            let changed = try await UserCommand.acting(on: username, database) { users, actor in
                try await users.unlock(username: username, by: actor)
            }
            print(changed ? "已解锁 / unlocked \(username)" : "\(username) 未被锁定 / was not locked")
        }
    }

    struct Tokens: ReportingCommand {
        static let configuration = CommandConfiguration(abstract: "列出用户的 API 令牌（不含令牌本身）/ list a user's API tokens (never the secret)")
        @Argument(help: "用户名 / username") var username: String
        @OptionGroup var database: DatabaseOption

        func execute() async throws {
            let tokens = try await database.with { db in try await UserRepository(database: db).tokens(of: username) }
            print("名称 / name\t签发 / issued (UTC)\t吊销 / revoked (UTC)")
            for token in tokens {
                print("\(token.name)\t\(Self.time(token.createdAt))\t\(token.revokedAt.map(Self.time) ?? "-")")
            }
        }

        static func time(_ millis: Int64) -> String {
            Date(timeIntervalSince1970: Double(millis) / 1000).ISO8601Format()
        }
    }

    struct Revoke: ReportingCommand {
        static let configuration = CommandConfiguration(
            abstract: "吊销用户的 API 令牌（按名称，或 --all 全部）/ revoke a user's API tokens, by name or --all")
        @Argument(help: "用户名 / username") var username: String
        @Option(help: "令牌名称 / token name") var name: String?
        @Flag(help: "吊销全部有效令牌 / revoke every live token of the user") var all = false
        @OptionGroup var database: DatabaseOption

        func validate() throws {
            guard (name == nil) != !all else {
                throw ValidationError("须给出 --name 或 --all 之一 / give exactly one of --name and --all")
            }
        }

        func execute() async throws {
            let count = try await UserCommand.acting(on: username, database) { users, actor in
                try await users.revokeTokens(of: username, named: name, by: actor)
            }
            print("已吊销 / revoked \(count) 个令牌 / token(s) of \(username)")
        }
    }

    /// Runs `body` with the database's users and the command line as the actor, on the trail of the
    /// user's region; an unknown user is an error.
    static func acting<T: Sendable>(on username: String, _ database: DatabaseOption,
                                    _ body: @escaping @Sendable (UserRepository, AuditActor) async throws -> T) async throws -> T {
        try await database.with { db in
            let users = UserRepository(database: db)
            guard let user = try await users.find(username: username) else { throw UserRepository.notFound(username) }
            return try await body(users, .commandLine(region: user.region))
        }
    }
}

/// `disable` and `enable`: the one switch, each way.
protocol UserSwitch: ReportingCommand {
    static var active: Bool { get }
    static var done: String { get }
    static var already: String { get }
    var username: String { get }
    var database: DatabaseOption { get }
}

extension UserSwitch {
    func execute() async throws {
        let (username, active) = (username, Self.active)
        let changed = try await UserCommand.acting(on: username, database) { users, actor in
            try await users.setActive(active, username: username, by: actor)
        }
        print(changed ? "\(Self.done) \(username)" : "\(username) \(Self.already)")
    }
}
