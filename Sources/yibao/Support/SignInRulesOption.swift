import ArgumentParser
import YibaoStore

/// The deployment's password, password-age and lockout rules (`PasswordRules`, `LockoutRule`): on `serve`, and on
/// `user add | passwd`, which set passwords on the same database and should be given the same figures.
struct SignInRulesOption: ParsableArguments {
    @Option(help: "密码最少字符数（8–64）/ a new password's least length in characters (8–64)")
    var passwordMinLength = PasswordRules.standard.minimumLength
    @Option(help: "密码须含大写、小写、数字、其他字符中的类数（1–4）/ how many of capitals, small letters, digits and other characters a new password has (1–4)")
    var passwordMinClasses = PasswordRules.standard.minimumClasses
    @Option(help: "密码最长使用天数，到期须先修改，0 为不限（0–3650）/ days a password lasts before it must be changed; 0 never (0–3650)")
    var passwordMaxAgeDays = PasswordRules.standard.maximumAgeDays
    @Option(help: "用户自行修改密码时不得与最近几次的密码相同，0 为不检查（0–24）/ how many of a user's last passwords their own new one must differ from; 0 checks none (0–24)")
    var passwordHistory = PasswordRules.standard.historyCount
    @Option(help: "连续输错密码多少次锁定账号，0 为不锁定 / wrong passwords in a row that lock a user's sign-in; 0 never locks")
    var lockoutAttempts = LockoutRule.standard.attempts
    @Option(help: "锁定分钟数（1–1440）/ minutes a lock lasts (1–1440)")
    var lockoutMinutes = Int(LockoutRule.standard.duration.components.seconds / 60)

    func validate() throws {
        guard PasswordRules.lengths.contains(passwordMinLength) else {
            throw ValidationError("--password-min-length 须在 8 到 64 之间 / must be between 8 and 64")
        }
        guard PasswordRules.classes.contains(passwordMinClasses) else {
            throw ValidationError("--password-min-classes 须在 1 到 4 之间 / must be between 1 and 4")
        }
        guard PasswordRules.ageDays.contains(passwordMaxAgeDays) else {
            throw ValidationError("--password-max-age-days 须在 0 到 3650 之间 / must be between 0 and 3650")
        }
        guard PasswordRules.histories.contains(passwordHistory) else {
            throw ValidationError("--password-history 须在 0 到 24 之间 / must be between 0 and 24")
        }
        guard (0...100).contains(lockoutAttempts) else {
            throw ValidationError("--lockout-attempts 须在 0 到 100 之间 / must be between 0 and 100")
        }
        guard (1...1440).contains(lockoutMinutes) else {
            throw ValidationError("--lockout-minutes 须在 1 到 1440 之间 / must be between 1 and 1440")
        }
    }

    var passwordRules: PasswordRules {
        PasswordRules(minimumLength: passwordMinLength, minimumClasses: passwordMinClasses, maximumAgeDays: passwordMaxAgeDays,
                      historyCount: passwordHistory)
    }
    var lockout: LockoutRule { LockoutRule(attempts: lockoutAttempts, duration: .seconds(lockoutMinutes * 60)) }

    /// The users of `database` under these rules.
    func users(of database: any Database) -> UserRepository {
        UserRepository(database: database, passwordRules: passwordRules, lockout: lockout)
    }
}
