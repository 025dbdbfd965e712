import Foundation

/// Builds LDIF bodies for tests.
enum LDIFSample {
    /// An item: type, id and, when given, `data.name`.
    struct Item {
        var type = "Application"
        var id: String
        var name: String? = "Some name"
    }

    static func items(_ ids: [String]) -> [Item] {
        ids.map { Item(id: $0, name: "name of \($0)") }
    }

    /// A valid inbound LDIF.
    static func body(
        _ items: [Item], description: String = "test run", direction: String = "inbound",
        connectorId: String = "emulator-tests", chunk: [String: Int]? = nil
    ) -> Data {
        var header = header(description: description, direction: direction, connectorId: connectorId)
        if let chunk { header["chunkInformation"] = chunk }
        header["content"] = items.map { item -> [String: Any] in
            var data: [String: Any] = ["tags": ["x"], "cost": 1.5]
            if let name = item.name { data["name"] = name }
            return ["type": item.type, "id": item.id, "data": data]
        }
        return json(header)
    }

    static func header(
        description: String = "test run", direction: String = "inbound", connectorId: String = "emulator-tests"
    ) -> [String: Any] {
        [
            "connectorType": "ldifbulk", "connectorId": connectorId, "connectorVersion": "1.0.0",
            "lxVersion": "1.0.0", "description": description, "processingDirection": direction,
            "processingMode": "partial",
        ]
    }

    static func json(_ object: Any) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    }
}
