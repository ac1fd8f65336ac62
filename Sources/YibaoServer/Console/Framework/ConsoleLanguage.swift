import Hummingbird

/// The console's display language: Chinese unless the visitor chose English. A `?lang=` on any page
/// switches it and is remembered in the `lang` cookie, so the switch works without JavaScript.
enum ConsoleLanguage: String, Sendable, CaseIterable {
    case zh
    case en

    static let cookie = "lang"

    /// The query parameter wins (it is the switch itself), then the cookie, then Chinese.
    init(_ request: Request) {
        if let chosen = request.uri.queryParameters.get("lang").flatMap(ConsoleLanguage.init(rawValue:)) {
            self = chosen
        } else if let remembered = request.cookies[Self.cookie]?.value, let language = ConsoleLanguage(rawValue: remembered) {
            self = language
        } else {
            self = .zh
        }
    }

    /// Whether this request asked to switch, so the response should remember it.
    static func switchRequested(_ request: Request) -> ConsoleLanguage? {
        request.uri.queryParameters.get("lang").flatMap(ConsoleLanguage.init(rawValue:))
    }

    var htmlCode: String { self == .zh ? "zh-CN" : "en" }
    var other: ConsoleLanguage { self == .zh ? .en : .zh }
    /// The label of the switch, written in the language it switches to.
    var otherName: String { self == .zh ? "English" : "中文" }

    /// Picks the text of this language from a pair.
    func pick(_ zh: String, _ en: String) -> String { self == .zh ? zh : en }
}
