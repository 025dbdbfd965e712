import BoundedRegex
import Testing

struct BoundedRegexTests {
    @Test func findsTheFirstMatchAndItsGroups() throws {
        let regex = try BoundedRegex("REF-([0-9]+)(x)?")
        #expect(regex.search("see REF-42 and REF-7") == .match([4..<10, 8..<10, nil]))
        #expect(regex.search("nothing") == .noMatch)
        #expect(regex.groupCount == 2)
    }

    @Test func unicodeClassesAndCaseFoldingWork() throws {
        #expect(try BoundedRegex("^\\w+$").search("Äpfel") != .noMatch)
        #expect(try BoundedRegex("(?i)äpfel").search("ÄPFEL") != .noMatch)
        #expect(try BoundedRegex("\\p{L}+").search("😀 é") == .match([5..<7]))
    }

    @Test func catastrophicBacktrackingGivesUp() throws {
        let regex = try BoundedRegex("(a+)+$")
        #expect(regex.search(String(repeating: "a", count: 40) + "!") == .tooComplex)
        // The same regex on a value it matches quickly still matches.
        #expect(regex.search("aaa") == .match([0..<3, 0..<3]))
    }

    @Test func anInvalidPatternSaysWhereAndWhy() {
        #expect {
            _ = try BoundedRegex("([a-z")
        } throws: { error in
            guard let error = error as? BoundedRegex.SyntaxError else { return false }
            return error.offset == 5 && error.message.contains("missing terminating ]")
        }
    }

    @Test func anEmptyValueIsSearched() throws {
        #expect(try BoundedRegex("^$").search("") == .match([0..<0]))
    }
}
