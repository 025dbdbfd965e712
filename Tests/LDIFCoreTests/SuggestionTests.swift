import Testing

@testable import LDIFCore

struct SuggestionTests {
    @Test(
        arguments: [
            ("nme", ["id", "name", "description"], "name"),
            ("Descripton", ["id", "name", "description"], "description"),
            ("number", ["trim", "numbr", "integer"], "numbr"),
            ("zzzzzz", ["id", "name"], nil),
        ] as [(String, [String], String?)])
    func closestCandidate(name: String, candidates: [String], expected: String?) {
        #expect(Suggestion.closest(to: name, in: candidates) == expected)
    }

    @Test func hintIsEmptyWithoutACloseCandidate() {
        #expect(Suggestion.hint(for: "owner", in: ["cost"]) == "")
        #expect(Suggestion.hint(for: "cots", in: ["cost"]) == " (did you mean 'cost'?)")
    }
}
