import Foundation
import IntegrationWire

/// An LDIF as the emulator received it: its header, and for each content
/// item only what the emulator's rules look at.
struct LDIFSubmission: Sendable {
    struct Item: Sendable, Hashable {
        var type: String
        var id: String
        /// `data.name` when it is a non-empty string.
        var name: String?
    }

    var connectorType = ""
    var connectorId = ""
    var connectorVersion = ""
    var lxVersion = ""
    var processingDirection = ""
    var processingMode = "partial"
    var lxWorkspace: String?
    var description: String?
    var chunkInformation: ChunkInformation?
    var items: [Item] = []

    /// The connector triple and direction that must match a configuration.
    var configurationKey: ProcessorConfigurationKey {
        ProcessorConfigurationKey(
            connectorType: connectorType, connectorId: connectorId, connectorVersion: connectorVersion,
            processingDirection: processingDirection)
    }

    /// Reads and checks an LDIF body.
    ///
    /// - Parameter body: the request body.
    /// - Returns: the submission, or the problems that make it invalid (at
    ///   most ``maximumProblems`` of them, then a count of the rest).
    static func parse(_ body: Data) -> Parsed {
        let decoded: LDIFDecoding
        do {
            decoded = try JSONDecoder().decode(LDIFDecoding.self, from: body)
        } catch DecodingError.typeMismatch {
            return .invalid(["the LDIF must be a JSON object"])
        } catch {
            return .invalid(["the body is not valid JSON: \(Self.describe(error))"])
        }
        var problems = decoded.problems
        if let chunk = decoded.submission.chunkInformation, !decoded.submission.items.isEmpty,
            chunk.lastDataObject.subtractingReportingOverflow(chunk.firstDataObject).partialValue
                != decoded.submission.items.count - 1
        {
            problems.append(
                "chunkInformation: firstDataObject \(chunk.firstDataObject) to lastDataObject "
                    + "\(chunk.lastDataObject) does not cover the \(decoded.submission.items.count) content items")
        }
        if problems.isEmpty { return .valid(decoded.submission) }
        if problems.count > maximumProblems {
            let rest = problems.count - maximumProblems
            problems = Array(problems.prefix(maximumProblems)) + ["... and \(rest) more problems"]
        }
        return .invalid(problems)
    }

    static let maximumProblems = 50

    enum Parsed: Sendable {
        case valid(LDIFSubmission)
        case invalid([String])
    }

    private static func describe(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            return context.underlyingError.map { "\($0.localizedDescription)" } ?? context.debugDescription
        }
        return "\(error)"
    }
}
