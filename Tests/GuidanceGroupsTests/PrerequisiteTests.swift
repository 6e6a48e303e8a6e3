import AssayCore
import GuidanceGroups
import Testing

@Suite("The recommended standard's prerequisites")
struct PrerequisiteTests {
    /// The built-in prerequisites (seed 003, attachment 2).
    let prerequisites: Prerequisites

    init() throws {
        prerequisites = try BuiltInData.file(kind: "prerequisites", id: "recommended-standard").content.decode(as: Prerequisites.self)
    }

    /// Figures that meet every condition for a township health centre.
    static let enough: [String: Int64] = ["diseases": 100, "annual-visits": 80_000, "senior-physicians": 3,
                                          "general-practitioners": 6, "residents": 30_000]

    @Test("each threshold is met at its value and missed one below", arguments: [
        ("diseases", Int64(100), true), ("diseases", 99, false),
        ("annual-visits", 80_000, true), ("annual-visits", 79_999, false),
        ("senior-physicians", 3, true), ("senior-physicians", 2, false),
    ])
    func townshipThresholds(_ figure: String, _ value: Int64, _ met: Bool) throws {
        var figures = Self.enough
        figures[figure] = value
        let result = try #require(prerequisites.check(.townshipHealthCentre, figures: figures))
        #expect(result.met == met, "\(result.lines)")
    }

    @Test("general practitioners: 2 per 10,000 residents or 6 in all", arguments: [
        (Int64(6), Int64(100_000), true),   // 0.6 per 10,000, but 6 in all
        (5, 25_000, true),                  // 2.0 per 10,000
        (5, 25_001, false),                 // 1.9 per 10,000, and 5 of 6
        (2, 10_000, true),
        (1, 10_000, false),
    ])
    func generalPractitioners(_ gps: Int64, _ residents: Int64, _ met: Bool) throws {
        var figures = Self.enough
        figures["general-practitioners"] = gps
        figures["residents"] = residents
        #expect(try #require(prerequisites.check(.townshipHealthCentre, figures: figures)).met == met)
    }

    @Test("a refusal says which condition failed and by how much")
    func refusalWording() throws {
        var figures = Self.enough
        figures["annual-visits"] = 61_200
        figures["general-practitioners"] = 18
        figures["residents"] = 35_000
        let result = try #require(prerequisites.check(.townshipHealthCentre, figures: figures))
        #expect(!result.met)
        #expect(result.lines.contains("annual outpatient and emergency visits: 61,200 of 80,000 — short by 18,800"))
        #expect(result.lines.last == "any of (registered general practitioners per 10,000 residents served: 5.1, at least 2 needed — met; registered general practitioners: 18, at least 6 needed — met) — met")
    }

    @Test("a community centre needs 40,000 visits and no senior-title physicians; a missing figure is named")
    func communityCentre() throws {
        var figures = Self.enough
        figures["annual-visits"] = 40_000
        figures["senior-physicians"] = nil
        #expect(try #require(prerequisites.check(.communityHealthServiceCentre, figures: figures)).met)
        figures["diseases"] = nil
        let missing = try #require(prerequisites.check(.communityHealthServiceCentre, figures: figures))
        #expect(!missing.met)
        #expect(missing.lines.first == "common diseases recognised and initially treated: not reported — record it")
        #expect(prerequisites.check(.communityHospital, figures: figures) == nil)
    }
}
