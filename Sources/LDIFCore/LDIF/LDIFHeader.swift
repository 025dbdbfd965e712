/// The header of an LDIF document: everything but `content`.
public struct LDIFHeader: Sendable, Codable, Equatable {
    public var connectorType: String
    public var connectorId: String
    public var connectorVersion: String
    public var lxVersion: String = "1.0.0"
    public var lxWorkspace: String?
    public var description: String?
    public var processingDirection: String = "inbound"
    /// `partial` (default) or `full`.
    public var processingMode: String = "partial"
    /// Any JSON, kept as compact JSON text.
    public var customFields: String?

    public init(connectorType: String, connectorId: String, connectorVersion: String) {
        self.connectorType = connectorType
        self.connectorId = connectorId
        self.connectorVersion = connectorVersion
    }
}
