import RegistrationAudit
import Testing

@Suite("Unified social credit codes (GB 32100-2015)")
struct SocialCreditCodeTests {
    /// Codes built by the standard's algorithm from their parts: public institutions (12…),
    /// a private non-enterprise clinic (52…) and an enterprise (91…), in Jiaozuo's counties.
    static let built: [SocialCreditCode] = [
        SocialCreditCode.make(authority: "1", category: "2", division: "410821", organizationBody: "41536098"),
        SocialCreditCode.make(authority: "1", category: "2", division: "410883", organizationBody: "4174001K"),
        SocialCreditCode.make(authority: "5", category: "2", division: "410802", organizationBody: "MJ1234A8"),
        SocialCreditCode.make(authority: "9", category: "1", division: "410800", organizationBody: "MA9XPE1R"),
    ].compactMap { $0 }

    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")

    @Test("codes built by the algorithm are accepted and read back in their parts")
    func builtCodesAreValid() throws {
        #expect(Self.built.count == 4)
        for code in Self.built {
            #expect(try SocialCreditCode(code.text) == code)
            #expect(code.text.count == 18)
        }
        let first = Self.built[0]
        #expect((first.authority, first.category, first.division, first.organizationCode.prefix(8)) == ("1", "2", "410821", "41536098"))
    }

    @Test("every single-character change, at every position, is refused")
    func everyAlterationIsRefused() {
        for code in Self.built {
            let characters = Array(code.text)
            for position in characters.indices {
                for replacement in Self.alphabet where replacement != characters[position] {
                    var altered = characters
                    altered[position] = replacement
                    #expect(throws: SocialCreditCode.Problem.self, "\(String(altered)) (position \(position + 1))") {
                        try SocialCreditCode(String(altered))
                    }
                }
            }
        }
    }

    @Test("each rule names the position it is about", arguments: [
        ("12410821415360980", SocialCreditCode.Problem.length(17)),
        ("12410821415360980OX", .length(19)),
        ("1241082141536098IX", .character(position: 17, found: "I")),
        ("32410821415360985X", .authority(found: "3")),
        ("14410821415360985X", .category(found: "4", authority: "1")),
        ("124108A1415360985X", .division(found: "4108A1")),
    ])
    func rulesByPosition(_ text: String, _ problem: SocialCreditCode.Problem) {
        #expect(throws: problem) { try SocialCreditCode(text) }
    }

    @Test("the check characters are named with the value they should have")
    func checkCharacters() throws {
        let code = Self.built[0].text
        var characters = Array(code)
        let organizationCheck = characters[16]
        characters[16] = organizationCheck == "0" ? "1" : "0"
        #expect(throws: SocialCreditCode.Problem.organizationCheck(expected: organizationCheck, found: characters[16])) {
            try SocialCreditCode(String(characters))
        }
        characters = Array(code)
        let check = characters[17]
        characters[17] = check == "0" ? "1" : "0"
        let problem = SocialCreditCode.Problem.check(expected: check, found: characters[17])
        #expect(throws: problem) { try SocialCreditCode(String(characters)) }
        #expect(problem.description == "character 18 should be '\(check)', not '\(characters[17])'")
    }
}

extension SocialCreditCodeTests {
    /// Codes published as valid by another implementation: Hutool's `CreditCodeUtilTest`
    /// (github.com/dromara/hutool, hutool-core/src/test/java/cn/hutool/core/util/
    /// CreditCodeUtilTest.java at 31bdc5130403daa0e79d84dbb6c657a22fadab39), which asserts both
    /// are credit codes. Enterprises of Shanghai's districts (authority 9, category 1).
    @Test("codes another implementation publishes as valid are accepted", arguments: ["91310110666007217T", "91310115591693856A"])
    func publishedCodes(_ text: String) throws {
        let code = try SocialCreditCode(text)
        #expect((code.authority, code.category) == ("9", "1"))
        #expect(code.division.hasPrefix("3101"))
    }
}
