import AssayYAML
import Testing

@Suite("Decoding YAML into Decodable types")
struct YAMLDecoderTests {
    struct Text: Decodable, Equatable {
        struct Title: Decodable, Equatable { var zh: String; var en: String }
        var title: Title
        var literal: String
        var stripped: String
        var folded: String
        var quoted: String
    }

    struct Flow: Decodable {
        struct Stage: Decodable {
            enum CodingKeys: String, CodingKey, CaseIterable { case title, to, days }
            var title: String
            var to: String?
            var days: Int?
        }
        var id: String
        var stages: [String: Stage]
    }

    @Test("multi-line and Chinese text decode exactly, in every scalar style")
    func chineseMultilineTextIsExact() throws {
        let text = try YAMLDecoder().decode(Text.self, from: Fixture("chinese-multiline").bytes, file: "c.yaml")
        #expect(text.title == .init(zh: "优质服务基层行 · 基本标准", en: "Quality Service at the Grassroots — basic standard"))
        #expect(text.literal == "县（市、区）组织专家审核数据并进行初评，\n如专家评定达到基本标准，向市卫生健康行政部门提出复核申请。\n  缩进保留。\n")
        #expect(text.stripped == "第一行\n第二行")
        #expect(text.folded == "成熟一批、 评价一批。\n新段落。\n")
        #expect(text.quoted == "换行\n与\t制表符")
    }

    @Test("a wrong type names the key path, line and column")
    func typeMismatchNamesThePath() throws {
        let yaml = "id: x\nstages:\n  apply:\n    title: Apply\n    days: soon\n"
        let error = try #require(throws: YAMLError.self) {
            try YAMLDecoder().decode(Flow.self, from: Array(yaml.utf8), file: "f.yaml")
        }
        #expect(error.description == "f.yaml:5:11: stages.apply.days: expected a whole number, found \"soon\"")
    }

    @Test("a missing key points at the mapping that lacks it")
    func missingKeyPointsAtTheMapping() throws {
        let yaml = "id: x\nstages:\n  apply:\n    to: review\n"
        let error = try #require(throws: YAMLError.self) {
            try YAMLDecoder().decode(Flow.self, from: Array(yaml.utf8), file: "f.yaml")
        }
        #expect(error.reason == .missingKey("title"))
        #expect(error.mark == Mark(line: 4, column: 5))
        #expect(error.path == ["stages", "apply"])
    }

    @Test("a misspelt key is an error listing the keys expected there")
    func unknownKeysAreErrors() throws {
        let yaml = "id: x\nstages:\n  apply:\n    title: Apply\n    too: review\n"
        let error = try #require(throws: YAMLError.self) {
            try YAMLDecoder().decode(Flow.self, from: Array(yaml.utf8), file: "f.yaml")
        }
        #expect(error.reason == .unknownKey("too", expected: ["title", "to", "days"]))
        #expect(error.mark == Mark(line: 5, column: 5))
    }

    @Test("a quoted number is a string, not a number")
    func quotedNumbersAreStrings() throws {
        let yaml = "id: x\nstages:\n  apply:\n    title: Apply\n    days: \"3\"\n"
        #expect(throws: YAMLError.self) { try YAMLDecoder().decode(Flow.self, from: Array(yaml.utf8), file: "f.yaml") }
    }
}
