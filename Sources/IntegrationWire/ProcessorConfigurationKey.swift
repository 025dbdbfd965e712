/// What identifies a processor configuration, and what an LDIF header must
/// match exactly for a run to be accepted:
/// `{"connectorType","connectorId","connectorVersion","processingDirection"}`.
///
/// A full configuration holds more (processors, variables); this is the part
/// both sides need to agree on.
public struct ProcessorConfigurationKey: Codable, Sendable, Hashable {
    public var connectorType: String
    public var connectorId: String
    public var connectorVersion: String
    /// `inbound` or `outbound`.
    public var processingDirection: String
    /// `partial` (the default) or `full`.
    public var processingMode: String?
    /// When true, runs of this configuration wait for each other (SEQUENTIALIZED).
    public var sequentialExecution: Bool?

    public init(
        connectorType: String, connectorId: String, connectorVersion: String,
        processingDirection: String = "inbound", processingMode: String? = nil, sequentialExecution: Bool? = nil
    ) {
        self.connectorType = connectorType
        self.connectorId = connectorId
        self.connectorVersion = connectorVersion
        self.processingDirection = processingDirection
        self.processingMode = processingMode
        self.sequentialExecution = sequentialExecution
    }
}
