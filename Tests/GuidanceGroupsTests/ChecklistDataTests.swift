import AssayCore
import GuidanceGroups
import Testing

@Suite("Checklists are data, checked like flows")
struct ChecklistDataTests {
    @Test("the built-in checklists load: at least 40 items each, both tiers where the standard has them, critical items")
    func builtInChecklists() throws {
        let checklists = try BuiltInData.checklists()
        #expect(Set(checklists.map(\.id)) == ["township-health-centre", "community-health-service-centre", "community-hospital"])
        for checklist in checklists {
            #expect(checklist.items.count >= 40, "\(checklist.id)")
            #expect(checklist.items.contains { $0.critical }, "\(checklist.id)")
            #expect(Set(checklist.sections.map(\.id)).count == checklist.sections.count)
            let tiers = Set(checklist.items.map(\.tier))
            #expect(tiers == Set(checklist.pass.tiers), "\(checklist.id)")
        }
        #expect(try #require(checklists.first { $0.id == "township-health-centre" }).pass.tiers == [.basic, .recommended])
        #expect(try #require(checklists.first { $0.id == "community-hospital" }).pass.tiers == [.basic])
    }

    @Test("every mistake in a checklist file is reported with its file, line and column, and nothing is stored")
    func errorsAtLineAndColumn() throws {
        let text = """
            id: broken
            version: "1"
            title: { zh: 坏, en: Broken }
            for: [township-health-centre]
            pass:
              basic: { overall: 120, sections: { nowhere: 50 } }
            sections:
              - id: s
                title: { zh: 节, en: Section }
                items:
                  - id: "1"
                    text: { zh: 一, en: One }
                    weight: 0
                  - id: "1"
                    text: { zh: 二, en: Two }
                  - id: "3"
                    text: { zh: 三, en: Three }
                    kind: choice
                    options: [a, b]
                    meeting: [c]
                  - id: "4"
                    text: { zh: 四, en: Four }
                    applicable-if: [community-hospital]
                  - id: "5"
                    text: { zh: 五, en: Five }
                    kind: number
                    meets: { at-least: 3 }
                  - id: "6"
                    text: { zh: 六, en: Six }
                    tier: recommended
                    wieght: 2

            """
        let host = try PluginHost([GuidanceGroups()])
        let (file, errors) = try host.loadDataFile(plugin: GuidanceGroups.name, kind: "checklist", bytes: Array(text.utf8), file: "broken.yaml")
        #expect(file == nil)
        // A misspelt key stops decoding, so it is reported first and alone.
        #expect(errors.map(\.description) == [
            "broken.yaml:31:9: sections[0].items[5]: unknown key 'wieght' (did you mean 'weight'?); expected one of: id, text, kind, tier, critical, weight, allow-na, applicable-if, not-met-needs, levels, meets-from, unit, range, meets, options, meeting",
        ])
        let fixed = text.replacingOccurrences(of: "wieght", with: "weight")
        let (_, found) = try host.loadDataFile(plugin: GuidanceGroups.name, kind: "checklist", bytes: Array(fixed.utf8), file: "broken.yaml")
        #expect(found.map(\.description) == [
            "broken.yaml:6:21: pass.basic.overall: a threshold is a percentage from 0 to 100, not 120",
            "broken.yaml:6:47: pass.basic.sections.nowhere: there is no section 'nowhere'; sections: s",
            "broken.yaml:13:17: sections[0].items[0].weight: an item's weight is a whole number of at least 1, not 0",
            "broken.yaml:14:13: sections[0].items[1].id: two items are numbered '1'",
            "broken.yaml:20:18: sections[0].items[2].meeting: 'c' is not one of the options: a, b",
            "broken.yaml:23:24: sections[0].items[3].applicable-if: the checklist is not for community-hospital; it is for township-health-centre",
            "broken.yaml:26:15: sections[0].items[4].kind: a number item needs a range: { min: …, max: … }",
            "broken.yaml:30:15: sections[0].items[5].tier: the checklist has no pass rule for the recommended tier",
        ])
    }
}
