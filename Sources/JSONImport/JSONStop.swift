import LDIFCore

/// Why parsing stopped before the end of the input.
enum JSONStop: Error {
    /// The input is not JSON from here on.
    case syntax(JSONSyntaxError)
    /// The file could not be read.
    case io(ConversionError)
}

/// Where and why the input stops being JSON.
struct JSONSyntaxError: Error, Equatable {
    /// What was expected and what was found, and what to do.
    var message: String
    var line: Int
    var column: Int
}
