import AssayCore
import Testing

@Suite("Canonical JSON")
struct CanonicalJSONTests {
    struct Sample: Encodable {
        var zeta = 1
        var alpha = "多行\n文本 \"引号\" \\ \u{01}"
        var missing: String? = nil
        var list = [true, false]
        var nested = ["b": -2, "a": 3]
    }

    @Test("keys are sorted, whitespace is absent, nil is left out, and text is kept exactly")
    func canonicalForm() throws {
        let json = String(decoding: try CanonicalJSON.encode(Sample()), as: UTF8.self)
        #expect(json == #"{"alpha":"多行\n文本 \"引号\" \\ \u0001","list":[true,false],"nested":{"a":3,"b":-2},"zeta":1}"#)
    }

    @Test("floating-point numbers are refused, naming where")
    func floatsAreRefused() {
        struct Score: Encodable { var score = 0.5 }
        #expect(throws: CanonicalEncodingError.self) { try CanonicalJSON.encode(Score()) }
    }

    @Test("events encode the same bytes every time")
    func eventsAreStable() throws {
        let institution = Institution(id: "410821-001", name: "云台山镇卫生院", region: RegionCode("410821")!)
        let opened = CaseOpened(flowID: "basic-standard", definitionHash: DefinitionHash(hex: "ab"), institution: institution,
                                actor: Actor(id: "staff", role: "institution", jurisdiction: .institution("410821-001")), stage: "application")
        let event = Event(caseID: "c1", sequence: 1, at: Timestamp(milliseconds: 1_646_096_400_000), body: .opened(opened))
        let json = String(decoding: try CanonicalJSON.encode(event), as: UTF8.self)
        #expect(json == #"{"at":1646096400000,"case":"c1","data":{"actor":{"id":"staff","jurisdiction":"institution:410821-001","role":"institution"},"definition":"ab","flow":"basic-standard","institution":{"id":"410821-001","name":"云台山镇卫生院","region":"410821"},"stage":"application"},"kind":"case-opened","sequence":1}"#)
    }
}
