import Foundation
import Hummingbird
import YibaoCore

/// One request to a console page: who asks, in which language, and the form token their pages carry.
struct ConsoleVisit: Sendable {
    let request: Request
    let principal: Principal?
    let language: ConsoleLanguage
    /// The CSRF token for forms on the page (per session; before sign-in, the pre-session value).
    let csrf: String

    var text: [String: String] { ConsoleText.table(language) }

    func t(_ key: String) -> String { ConsoleText.lookup(key, language) }
    func pick(_ zh: String, _ en: String) -> String { language.pick(zh, en) }

    /// The signed-in principal; pages registered with a permission always have one.
    var user: Principal {
        guard let principal else { preconditionFailure("a permission-guarded console page ran without a principal") }
        return principal
    }

    /// The query decoded as an HTML form sends it (`+` for spaces), which Hummingbird's parameters do not.
    var query: FormBody { FormBody(request.uri.query ?? "") }

    /// This page's address with the other language selected: the language switch.
    var switchHref: String {
        var items = query.fields.filter { $0.0 != "lang" }
        items.append(("lang", language.other.rawValue))
        return request.uri.path + "?" + ConsoleURL.query(items)
    }
}

/// Query strings for links the console writes (form GETs make the rest).
enum ConsoleURL {
    static func query(_ items: [(String, String)]) -> String {
        items.map { escape($0.0) + "=" + escape($0.1) }.joined(separator: "&")
    }

    static func escape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
