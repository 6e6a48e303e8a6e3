import AssayCore
import GuidanceGroups
import Testing

/// A small checklist whose every number is easy to check by hand: basic items worth 9 points for
/// a township health centre (8 for a community centre, which item b2 does not apply to), and two
/// recommended items worth one point each.
enum SmallChecklist {
    static let checklist = Checklist(
        id: "small", version: "1", title: LocalizedText(zh: "小", en: "Small"),
        institutionTypes: [.townshipHealthCentre, .communityHealthServiceCentre],
        pass: PassRules(basic: PassRule(overall: 75, sections: ["b": 50]), recommended: PassRule(overall: 80)),
        sections: [
            .init(id: "a", title: LocalizedText(zh: "甲", en: "A"), items: [
                ChecklistItem(id: "a1", text: LocalizedText(zh: "执照", en: "Licence"), critical: true, weight: 2, notMetNeeds: [.note]),
                ChecklistItem(id: "a2", text: LocalizedText(zh: "护理", en: "Nursing"), kind: .levels,
                              levels: [.init(name: "A", points: 4), .init(name: "B", points: 2), .init(name: "C", points: 0)]),
                ChecklistItem(id: "a3", text: LocalizedText(zh: "床位", en: "Beds"), kind: .number, allowsNotApplicable: true,
                              range: .init(min: 0, max: 100), meets: .init(atLeast: 10)),
                ChecklistItem(id: "a4", text: LocalizedText(zh: "远程", en: "Telemedicine"), tier: .recommended),
            ]),
            .init(id: "b", title: LocalizedText(zh: "乙", en: "B"), items: [
                ChecklistItem(id: "b1", text: LocalizedText(zh: "信息", en: "Systems"), kind: .choice, options: ["x", "y", "z"], meeting: ["y", "z"]),
                ChecklistItem(id: "b2", text: LocalizedText(zh: "村卫生室", en: "Village clinics"), applicableIf: [.townshipHealthCentre]),
                ChecklistItem(id: "b3", text: LocalizedText(zh: "满意度", en: "Satisfaction"), tier: .recommended, critical: true),
                ChecklistItem(id: "b4", text: LocalizedText(zh: "意见", en: "Remarks"), kind: .text),
            ]),
        ]
    )

    /// Every item met, as `AnswerValue`s by item.
    static let allMet: [String: AnswerValue] = [
        "a1": .init(value: "yes"), "a2": .init(value: "A"), "a3": .init(value: "12"), "a4": .init(value: "yes"),
        "b1": .init(value: "z"), "b2": .init(value: "yes"), "b3": .init(value: "yes"), "b4": .init(value: "良好"),
    ]

    /// `allMet` with `changes` applied (nil removes the answer).
    static func answers(_ changes: [String: AnswerValue?]) -> [String: AnswerValue] {
        var answers = allMet
        for (item, value) in changes { answers[item] = value }
        return answers
    }
}

@Suite("Scoring a checklist from its answers")
struct ScoringTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var type: InstitutionType
        var changes: [String: AnswerValue?]
        var basic: Bool
        var recommended: Bool
        /// The first reason given for the recommended tier's verdict.
        var reason: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "every item met", type: .townshipHealthCentre, changes: [:], basic: true, recommended: true,
             reason: "overall 100.0% of points, 80% needed; no critical item failed"),
        Case(name: "a critical item not met fails the tier whatever the score", type: .townshipHealthCentre,
             changes: ["a1": .init(value: "no", note: "过期")], basic: false, recommended: false, reason: "the basic standard is not met"),
        Case(name: "a middle level earns its points: 7 of 9 basic (77.7%), 9 of 11 recommended (81.8%)", type: .townshipHealthCentre,
             changes: ["a2": .init(value: "B")], basic: true, recommended: true, reason: "overall 81.8% of points, 80% needed; no critical item failed"),
        Case(name: "below the overall threshold: 5 of 9", type: .townshipHealthCentre,
             changes: ["a2": .init(value: "C")], basic: false, recommended: false, reason: "the basic standard is not met"),
        Case(name: "a section below its own threshold fails with the overall above", type: .townshipHealthCentre,
             changes: ["b1": .init(value: "x"), "b2": .init(value: "no")], basic: false, recommended: false, reason: "the basic standard is not met"),
        Case(name: "n/a with a reason leaves the item out of the points", type: .townshipHealthCentre,
             changes: ["a3": .init(value: "n/a", note: "未设床位"), "a2": .init(value: "B")], basic: true, recommended: true,
             reason: "overall 80.0% of points, 80% needed; no critical item failed"),
        Case(name: "an item that does not apply to the type is left out", type: .communityHealthServiceCentre,
             changes: ["b2": nil, "a2": .init(value: "B")], basic: true, recommended: true, reason: "overall 80.0% of points, 80% needed; no critical item failed"),
        Case(name: "tiers are cumulative: a recommended critical item fails only the recommended tier", type: .townshipHealthCentre,
             changes: ["b3": .init(value: "no")], basic: true, recommended: false, reason: "critical item b3 not met"),
        Case(name: "tiers are cumulative: the recommended tier counts the basic items", type: .townshipHealthCentre,
             changes: ["a4": .init(value: "no"), "a3": .init(value: "5"), "b1": .init(value: "x")], basic: true, recommended: false,
             reason: "overall 72.7% of points, 80% needed"),
    ]

    @Test("scoring rules", arguments: cases)
    func scoring(_ test: Case) {
        let score = ChecklistScore(SmallChecklist.checklist, for: test.type, answers: SmallChecklist.answers(test.changes))
        #expect(score.isComplete)
        #expect(score.meets(.basic) == test.basic)
        #expect(score.meets(.recommended) == test.recommended)
        #expect(score.reasons(for: .recommended).first == test.reason, "\(score.reasons(for: .recommended))")
    }

    @Test("what decided a failed tier is named: critical items, the overall share, each section short")
    func reasonsNameWhatDecided() {
        let score = ChecklistScore(SmallChecklist.checklist, for: .townshipHealthCentre,
                                   answers: SmallChecklist.answers(["a1": .init(value: "no", note: "n"), "b1": .init(value: "x"), "b2": .init(value: "no")]))
        #expect(score.reasons(for: .basic) == ["critical item a1 not met", "overall 55.5% of points, 75% needed", "section b 0.0%, 50% needed"])
        #expect(score.notMet.map(\.item.id) == ["a1", "b1", "b2"])
    }

    @Test("an item left unanswered keeps the checklist incomplete and counts against the share")
    func unansweredIsOpen() {
        let score = ChecklistScore(SmallChecklist.checklist, for: .townshipHealthCentre, answers: SmallChecklist.answers(["b2": nil]))
        #expect(!score.isComplete)
        #expect(score.open.map(\.item.id) == ["b2"])
    }

    @Test("answers an item does not take are refused, saying why", arguments: [
        ("a1", AnswerValue(value: "maybe"), "item a1 is answered yes or no, not 'maybe'"),
        ("a1", AnswerValue(value: "no"), "a not-met answer to item a1 needs note"),
        ("a1", AnswerValue(value: "n/a", note: "x"), "item a1 may not be answered n/a"),
        ("a3", AnswerValue(value: "n/a"), "an n/a answer to item a3 needs a reason (a note)"),
        ("a3", AnswerValue(value: "101"), "item a3 takes a whole number from 0 to 100; 101 is out of range"),
        ("a3", AnswerValue(value: "3.5"), "item a3 is answered with a whole number, not '3.5'"),
        ("a2", AnswerValue(value: "D"), "item a2 is answered A, B or C, not 'D'"),
        ("b1", AnswerValue(value: "w"), "item b1 is answered x, y or z, not 'w'"),
        ("b4", AnswerValue(value: " "), "item b4 needs some text"),
    ])
    func invalidAnswers(_ item: String, _ answer: AnswerValue, _ problem: String) throws {
        #expect(try #require(SmallChecklist.checklist.item(item)).problem(with: answer) == problem)
    }
}
