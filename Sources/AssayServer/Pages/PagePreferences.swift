import AssayCore
import Foundation
import HTTPTypes

/// What a reader chose for the pages: the language (Chinese unless English is chosen) and the
/// time zone times are shown in (China Standard Time unless UTC is chosen). Kept in a cookie a
/// script cannot read, set by the preferences form.
struct PagePreferences: Sendable, Equatable {
    enum Language: String, Sendable { case zh, en }
    enum Zone: String, Sendable { case cst, utc }

    var language = Language.zh
    var zone = Zone.cst

    static let cookieName = "assay-preferences"

    /// The preferences a request's cookie carries (`zh.cst` by default).
    init(_ fields: HTTPFields) {
        let values = (RequestCookies.value(Self.cookieName, in: fields) ?? "").split(separator: ".").map(String.init)
        language = values.first.flatMap(Language.init(rawValue:)) ?? .zh
        zone = values.dropFirst().first.flatMap(Zone.init(rawValue:)) ?? .cst
    }

    init(language: Language, zone: Zone) {
        self.language = language
        self.zone = zone
    }

    /// The `Set-Cookie` value that keeps these preferences for a year.
    func cookie(secure: Bool) -> String {
        "\(Self.cookieName)=\(language.rawValue).\(zone.rawValue); Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax\(secure ? "; Secure" : "")"
    }

    /// The page's `lang` attribute.
    var htmlLanguage: String { language == .zh ? "zh-CN" : "en" }

    /// The time zone the reader reads times in.
    var timeZone: TimeZone { zone == .cst ? TimeZone(secondsFromGMT: 8 * 3600)! : TimeZone(secondsFromGMT: 0)! }

    /// Times in that zone as the library's texts show them.
    var timeDisplay: TimeDisplay { TimeDisplay(zone: timeZone) }

    /// `date` as the reader reads it: `2022-03-01 09:00 CST`.
    func show(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute)) \(zone == .cst ? "CST" : "UTC")"
    }
}
