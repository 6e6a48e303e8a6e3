/// A title in Chinese and English, as the source notices and their readers need.
public struct LocalizedText: Sendable, Hashable, Codable {
    public var zh: String
    public var en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    /// No text: what stands in for a title that could not be read while reporting errors.
    public static let empty = LocalizedText(zh: "", en: "")
}
