import AssayCore
import Testing

@Suite("Region codes")
struct RegionCodeTests {
    @Test("the level is read from the code")
    func levels() {
        #expect(RegionCode("410000")?.level == .province)
        #expect(RegionCode("410800")?.level == .city)
        #expect(RegionCode("410821")?.level == .county)
        #expect(RegionCode("4108A1")?.level == .county)
    }

    @Test("a region contains the regions below it and no others")
    func containment() throws {
        let henan = try #require(RegionCode("410000")), jiaozuo = try #require(RegionCode("410800"))
        let xiuwu = try #require(RegionCode("410821")), zone = try #require(RegionCode("4108A1"))
        #expect(henan.contains(xiuwu) && jiaozuo.contains(xiuwu) && jiaozuo.contains(zone) && xiuwu.contains(xiuwu))
        #expect(!xiuwu.contains(zone))
        #expect(!jiaozuo.contains(RegionCode("410611")!))
        #expect(!henan.contains(RegionCode("420100")!))
    }

    @Test("malformed codes are refused", arguments: ["41082", "4108211", "41a821", "", "410821 "])
    func malformedCodes(_ text: String) {
        #expect(RegionCode(text) == nil)
    }
}
