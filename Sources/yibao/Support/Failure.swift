import ArgumentParser
import Foundation
import YibaoCore
import YibaoStore

/// Prints a domain error the way an operator reads it and exits non-zero.
enum Failure {
    static func report(_ error: any Error) -> ExitCode {
        switch error {
        case let error as DomainError:
            printError("错误 \(error.code)\(error.path.map { " [\($0)]" } ?? "")：\(error.message)\nerror: \(error.messageEn)")
        case let error as PolicyLoadError:
            printError(error.description)
        case let error where DatabaseErrorText.describe(error) != nil:
            printError("数据库错误 / database error: \(DatabaseErrorText.describe(error)!)")
        default:
            printError("错误 / error: \(String(describing: error))")
        }
        return ExitCode.failure
    }

    static func printError(_ text: String) {
        var standardError = StandardError()
        print(text, to: &standardError)
    }
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}

/// A command whose errors reach the operator as `Failure.report` prints them: commands implement
/// `execute()`, and `run()` does the reporting once for all of them.
protocol ReportingCommand: AsyncParsableCommand {
    func execute() async throws
}

extension ReportingCommand {
    func run() async throws {
        do {
            try await execute()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw Failure.report(error)
        }
    }
}
