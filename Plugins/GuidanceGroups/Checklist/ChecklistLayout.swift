/// A checklist's items in one flat list, with what scoring needs of each worked out once: its
/// section, and the points it is worth. Kept with the checklist's sections.
struct ChecklistLayout: Sendable, Equatable {
    /// Every item, section by section.
    var items: [ChecklistItem] = []
    /// The section index of each item.
    var sectionOf: [Int] = []
    /// The points each item is worth when met in full.
    var possible: [Int] = []
    /// Each item's position, by id (the first, if two share an id).
    var positions: [String: Int] = [:]

    init(_ sections: [Checklist.Section]) {
        for (s, section) in sections.enumerated() {
            for item in section.items {
                if positions[item.id] == nil { positions[item.id] = items.count }
                items.append(item)
                sectionOf.append(s)
                possible.append(item.possiblePoints)
            }
        }
    }
}
