/// A parsed template: literal text and `{{ ... }}` expressions.
public struct Template: Sendable, Equatable {
    public enum Part: Sendable, Equatable {
        case literal(String)
        case expression(Expression)
    }

    public var parts: [Part]
    /// The template as written in the mapping.
    public var source: String

    public init(parts: [Part], source: String) {
        self.parts = parts
        self.source = source
    }

    /// The expression when the template is exactly one `{{ ... }}`: its value keeps its type.
    public var singleExpression: Expression? {
        if parts.count == 1, case .expression(let expression) = parts[0] { return expression }
        return nil
    }

    /// The text when the template holds no expression.
    public var constant: String? {
        var text = ""
        for part in parts {
            guard case .literal(let literal) = part else { return nil }
            text += literal
        }
        return text
    }
}

/// `PATH | filter: arg, arg | filter`.
public struct Expression: Sendable, Equatable {
    public enum Subject: Sendable, Equatable {
        /// A field of the record.
        case field(FieldPath)
        /// `$each`, `$key`, `$record`, `$file`, `$sheet`.
        case variable(Variable)
        /// A single-quoted string: `{{ '{{' }}`.
        case literal(String)
    }

    public enum Variable: String, Sendable, CaseIterable {
        case each, key, record, file, sheet
    }

    public var subject: Subject
    public var filters: [FilterCall]

    public init(subject: Subject, filters: [FilterCall]) {
        self.subject = subject
        self.filters = filters
    }
}

/// One filter as written: its name and arguments.
public struct FilterCall: Sendable, Equatable {
    public var name: String
    public var arguments: [String]

    public init(name: String, arguments: [String]) {
        self.name = name
        self.arguments = arguments
    }
}
