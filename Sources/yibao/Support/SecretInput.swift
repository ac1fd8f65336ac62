#if canImport(Glibc)
import Glibc
#endif

/// Reads a password without putting it on the command line (where `ps` and shell history see it):
/// from standard input when piped, otherwise by prompting without echo.
enum SecretInput {
    static func read(prompt: String) -> String? {
        if isatty(STDIN_FILENO) == 0 {
            return readLine(strippingNewline: true)
        }
        guard let raw = getpass(prompt) else { return nil }
        return String(cString: raw)
    }
}
