import ArgumentParser
import YibaoCore
import YibaoStore

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "用户与令牌 / users, passwords and API tokens",
        subcommands: [Add.self, Passwd.self, Token.self, Tokens.self, Revoke.self, Disable.self, Enable.self, Unlock.self])

    struct Add: ReportingCommand {
        static let configuration = CommandConfiguration(abstract: "新增用户（密码从标准输入读取）/ add a user (password read from stdin or prompted)")
        @Argument(help: "用户名 / username") var username: String
        @Option(help: "角色 / role: \(Role.allCases.map(\.rawValue).joined(separator: ", "))") var role: String
        @Option(help: "所属统筹区 / home region (admdvs)") var region: String
        @Option(help: "绑定的定点机构编码 / institution code for institution users and HIS clients") var institution: String?
        @Option(help: "绑定的参保人编号 / person number for insured users") var person: Int64?
        @Option(help: "绑定的参保单位编号（本统筹区）/ employer id (of --region) for employer users") var employer: Int64?
        @Option(help: "显示名 / display name") var name: String?
        @Flag(help: "不设密码（仅用令牌的系统用户）/ no password (token-only system client)") var noPassword = false
        @OptionGroup var database: DatabaseOption
        @OptionGroup var signIn: SignInRulesOption

        func execute() async throws {
            guard let role = Role(rawValue: role) else {
                throw DomainError(code: "ROLE_UNKNOWN", message: "未知角色：\(role)",
                                  messageEn: "unknown role \(role); one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))", path: "role")
            }
            let regionCode = try RegionCode.parse(region)
            let record = UserRecord(id: 0, username: username, displayName: name ?? username, role: role.rawValue,
                                    region: regionCode.value, institution: institution, personID: person, employerID: employer)
            _ = try Principal(record)
            let password = noPassword ? nil : SecretInput.read(prompt: "密码 / password: ")
            if !noPassword, password == nil { throw ExitCode.failure }
            try await database.with { [signIn] db in
                let users = signIn.users(of: db)
                let hash: String? = if let password { try await users.hashPassword(password, of: username) } else { nil }
                _ = try await db.write { sql in
                    try await users.create(record, passwordHash: hash, by: .commandLine(region: regionCode.value), in: sql)
                }
            }
            print("已创建用户 / created user \(username) (\(role.displayName))")
        }
    }

    struct Passwd: ReportingCommand {
        static let configuration = CommandConfiguration(abstract: "重设密码（并结束其会话）/ set a new password and end the user's sessions")
        @Argument var username: String
        @OptionGroup var database: DatabaseOption
        @OptionGroup var signIn: SignInRulesOption

        func execute() async throws {
            guard let password = SecretInput.read(prompt: "新密码 / new password: ") else { throw ExitCode.failure }
            try await database.with { [signIn] db in
                let users = signIn.users(of: db)
                guard let user = try await users.find(username: username) else { throw UserRepository.notFound(username) }
                try await users.setPassword(username: username, password: password, by: .commandLine(region: user.region))
            }
            print("密码已更新 / password changed for \(username)")
        }
    }

    struct Token: ReportingCommand {
        static let configuration = CommandConfiguration(abstract: "签发 API 令牌（只显示一次）/ issue an API token (shown once)")
        @Argument var username: String
        @Option(help: "令牌名称 / token name") var name = "his"
        @OptionGroup var database: DatabaseOption

        func execute() async throws {
            let token = try await UserCommand.acting(on: username, database) { users, actor in
                try await users.issueToken(username: username, name: name, by: actor)
            }
            print(token)
        }
    }
}
