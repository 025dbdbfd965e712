/// Parses `{{ PATH ( | FILTER ( : ARG ( , ARG )* )? )* }}` templates.
///
/// PATH is a bare name (letters, digits, `_ - / @ * . ~`), a double-quoted
/// name (`"Business Owner"`, with `\"` and `\\`), a variable (`$each`), or a
/// single-quoted literal (`'{{'`). ARG is a quoted string, a number or a bare word.
public struct TemplateParser {
    public struct Failure: Error, Sendable, Equatable {
        public var message: String
    }

    private let text: [Character]
    private var position = 0

    private init(_ source: String) {
        text = Array(source)
    }

    /// Parses a template.
    ///
    /// - Throws: ``Failure`` with a message that quotes the problem.
    public static func parse(_ source: String) throws(Failure) -> Template {
        var parser = TemplateParser(source)
        return Template(parts: try parser.parseParts(), source: source)
    }

    private mutating func parseParts() throws(Failure) -> [Template.Part] {
        var parts: [Template.Part] = []
        var literal = ""
        while position < text.count {
            if text[position] == "{", position + 1 < text.count, text[position + 1] == "{" {
                if !literal.isEmpty { parts.append(.literal(literal)) }
                literal = ""
                position += 2
                parts.append(.expression(try parseExpression()))
            } else if text[position] == "}", position + 1 < text.count, text[position + 1] == "}" {
                throw Failure(message: "'}}' without an opening '{{' (write a literal '}}' as {{ '}}' }})")
            } else {
                literal.append(text[position])
                position += 1
            }
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        // A literal expression with no filters is plain text: fold it in.
        return Self.merged(parts)
    }

    private static func merged(_ parts: [Template.Part]) -> [Template.Part] {
        var result: [Template.Part] = []
        for part in parts {
            var part = part
            if case .expression(let expression) = part, case .literal(let text) = expression.subject,
                expression.filters.isEmpty
            {
                part = .literal(text)
            }
            if case .literal(let text) = part, let last = result.last, case .literal(let previous) = last {
                result[result.count - 1] = .literal(previous + text)
            } else {
                result.append(part)
            }
        }
        return result
    }

    private mutating func parseExpression() throws(Failure) -> Expression {
        skipSpaces()
        let subject = try parseSubject()
        var filters: [FilterCall] = []
        skipSpaces()
        while position < text.count, text[position] == "|" {
            position += 1
            skipSpaces()
            filters.append(try parseFilter())
            skipSpaces()
        }
        guard position + 1 < text.count, text[position] == "}", text[position + 1] == "}" else {
            if position >= text.count { throw Failure(message: "'{{' is not closed with '}}'") }
            throw Failure(message: "unexpected '\(text[position])' in expression (expected '|' or '}}')")
        }
        position += 2
        return Expression(subject: subject, filters: filters)
    }

    private mutating func parseSubject() throws(Failure) -> Expression.Subject {
        guard position < text.count else { throw Failure(message: "'{{' is not closed with '}}'") }
        switch text[position] {
        case "\"":
            return .field(FieldPath(try parseQuoted(), quoted: true))
        case "'":
            return .literal(try parseQuoted())
        case "$":
            position += 1
            let name = scanBare()
            guard let variable = Expression.Variable(rawValue: name) else {
                let names = Expression.Variable.allCases.map(\.rawValue)
                throw Failure(
                    message: "unknown variable '$\(name)'\(Suggestion.hint(for: name, in: names)); "
                        + "variables are \(names.map { "$" + $0 }.joined(separator: ", "))")
            }
            return .variable(variable)
        default:
            let name = scanBare()
            guard !name.isEmpty else {
                if text[position] == "}" { throw Failure(message: "empty expression '{{ }}'") }
                throw Failure(
                    message: "unexpected '\(text[position])' where a field name belongs; "
                        + "quote names that hold other characters: {{ \"Business Owner\" }}")
            }
            return .field(FieldPath(name))
        }
    }

    private mutating func parseFilter() throws(Failure) -> FilterCall {
        let name = scanWord()
        guard !name.isEmpty else {
            throw Failure(message: "a filter name is missing after '|'")
        }
        skipSpaces()
        var arguments: [String] = []
        if position < text.count, text[position] == ":" {
            position += 1
            repeat {
                skipSpaces()
                arguments.append(try parseArgument())
                skipSpaces()
                guard position < text.count, text[position] == "," else { break }
                position += 1
            } while true
        }
        return FilterCall(name: name, arguments: arguments)
    }

    private mutating func parseArgument() throws(Failure) -> String {
        guard position < text.count else { throw Failure(message: "'{{' is not closed with '}}'") }
        if text[position] == "'" || text[position] == "\"" { return try parseQuoted() }
        var word = ""
        while position < text.count, !" \t|,}".contains(text[position]) {
            word.append(text[position])
            position += 1
        }
        guard !word.isEmpty else { throw Failure(message: "a filter argument is missing") }
        return word
    }

    private mutating func parseQuoted() throws(Failure) -> String {
        let quote = text[position]
        position += 1
        var value = ""
        while position < text.count {
            let character = text[position]
            if character == "\\", position + 1 < text.count,
                text[position + 1] == quote || text[position + 1] == "\\"
            {
                value.append(text[position + 1])
                position += 2
            } else if character == quote {
                position += 1
                return value
            } else {
                value.append(character)
                position += 1
            }
        }
        throw Failure(message: "unterminated \(quote == "'" ? "single" : "double")-quoted string")
    }

    private static func isBare(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || "_-/@*.~".contains(character)
    }

    private mutating func scanBare() -> String {
        var name = ""
        while position < text.count, Self.isBare(text[position]) {
            name.append(text[position])
            position += 1
        }
        return name
    }

    private mutating func scanWord() -> String {
        var name = ""
        while position < text.count, text[position].isLetter || text[position].isNumber || text[position] == "_" {
            name.append(text[position])
            position += 1
        }
        return name
    }

    private mutating func skipSpaces() {
        while position < text.count, text[position] == " " || text[position] == "\t" { position += 1 }
    }
}
