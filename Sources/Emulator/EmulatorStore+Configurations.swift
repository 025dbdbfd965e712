import Foundation
import IntegrationWire

extension EmulatorStore {
    /// A stored configuration: its key and the JSON as it was put.
    struct StoredConfiguration {
        var key: ProcessorConfigurationKey
        var json: Data
    }

    /// The configuration a submission runs under, matched exactly on type,
    /// id, version and direction.
    func configuration(for submission: LDIFSubmission) -> StoredConfiguration? {
        let wanted = Self.identity(submission.configurationKey)
        return configurations.first { Self.identity($0.key) == wanted }.map {
            StoredConfiguration(key: $0.key, json: $0.value)
        }
    }

    /// `PUT /configurations`: insert or replace; 204.
    func putConfiguration(_ body: Data) -> Reply {
        guard let key = try? JSONDecoder().decode(ProcessorConfigurationKey.self, from: body) else {
            return .errors(
                400,
                [
                    "a processor configuration must be a JSON object with string connectorType, connectorId, "
                        + "connectorVersion and processingDirection"
                ])
        }
        let identity = Self.identity(key)
        for existing in configurations.keys where Self.identity(existing) == identity {
            configurations[existing] = nil
        }
        configurations[key] = body
        return .empty(204)
    }

    /// `GET /configurations`: those matching every query parameter given.
    func listConfigurations(filter: [String: String]) -> Reply {
        let matching = configurations.filter { Self.matches($0.key, filter) }.sorted {
            Self.identity($0.key).joined(separator: "\u{0}") < Self.identity($1.key).joined(separator: "\u{0}")
        }
        var body = Data("[".utf8)
        for (index, entry) in matching.enumerated() {
            if index > 0 { body.append(contentsOf: Array(",".utf8)) }
            body.append(entry.value)
        }
        body.append(contentsOf: Array("]".utf8))
        return Reply(status: 200, body: body)
    }

    /// `DELETE /configurations?connectorType=&connectorId=&connectorVersion=&processingDirection=`.
    func deleteConfiguration(filter: [String: String]) -> Reply {
        let names = ["connectorType", "connectorId", "connectorVersion", "processingDirection"]
        let missing = names.filter { filter[$0] == nil }
        guard missing.isEmpty else {
            return .errors(
                400, ["Not all necessary fields are set in parameters: missing \(missing.joined(separator: ", "))"])
        }
        let doomed = configurations.keys.filter { Self.matches($0, filter) }
        guard !doomed.isEmpty else { return .errors(404, ["No such processor configuration found"]) }
        for key in doomed { configurations[key] = nil }
        return .empty(200)
    }

    private static func identity(_ key: ProcessorConfigurationKey) -> [String] {
        [key.connectorType, key.connectorId, key.connectorVersion, key.processingDirection]
    }

    private static func matches(_ key: ProcessorConfigurationKey, _ filter: [String: String]) -> Bool {
        let values = [
            "connectorType": key.connectorType, "connectorId": key.connectorId,
            "connectorVersion": key.connectorVersion, "processingDirection": key.processingDirection,
            "processingMode": key.processingMode ?? "partial",
        ]
        return filter.allSatisfy { name, value in values[name].map { $0 == value } ?? true }
    }
}
