import ArgumentParser
import LDIFCore

/// The exit codes of every command, decided in one place.
///
/// 0 success (warnings allowed), 2 finished with errors (or warnings under
/// `--strict`), 3 upload: chunks failed, timed out or were not sent, 1 fatal,
/// 64 usage, 130 interrupted, 141 standard output closed by its reader (quietly, as SIGPIPE would).
enum ExitStatus: Int32 {
    case success = 0
    case fatal = 1
    case findings = 2
    case chunksFailed = 3
    case usage = 64
    case interrupted = 130
    /// Standard output's reader went away (`| head`): the status of a tool that SIGPIPE ended.
    case brokenPipe = 141

    /// The status of a finished conversion.
    static func of(_ result: ConversionResult, strict: Bool) -> ExitStatus {
        if result.findings.error > 0 || result.brokenInputs > 0 { return .findings }
        if strict, result.findings.warning > 0 { return .findings }
        return .success
    }

    /// Prints a fatal error the way users see it and gives its status.
    static func report(_ error: any Error) -> ExitStatus {
        switch error {
        case let error as MappingError:
            let sorted = error.diagnostics.enumerated().sorted {
                ($0.element.line, $0.offset) < ($1.element.line, $1.offset)
            }
            for (_, diagnostic) in sorted { Terminal.error(diagnostic.description) }
            let count = error.diagnostics.count
            Terminal.error("ldifbulk: the mapping has \(count) problem\(count == 1 ? "" : "s"); nothing was written")
            return .fatal
        case let error as ConversionError where error.isBrokenPipe:
            return .brokenPipe
        case let error as ConversionError:
            Terminal.error("ldifbulk: \(error.description)")
            switch error.code {
            case .usage: return .usage
            default: return .fatal
            }
        default:
            Terminal.error("ldifbulk: \(error)")
            return .fatal
        }
    }

    var exitCode: ExitCode { ExitCode(rawValue) }
}
