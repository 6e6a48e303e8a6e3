/// A role that actors hold, such as `county-expert` or `institution`.
public struct Role: Named {
    public var name: String = ""
    public var title: LocalizedText

    public init(name: String, title: LocalizedText) {
        self.name = name
        self.title = title
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case title }
}
