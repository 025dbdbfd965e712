import Foundation
import HTTPTypes
import IntegrationWire

/// What a request asks for, read from its method and path.
enum EmulatorRoute: Equatable {
    case token
    case listRuns
    case createRun
    case run(id: String, action: RunAction)
    case fastRun
    case getConfigurations
    case putConfiguration
    case deleteConfiguration
    case state
    /// The path exists but not with this method.
    case wrongMethod
    case unknown

    init(method: HTTPRequest.Method, path: String) {
        let runs = IntegrationPaths.synchronizationRuns
        switch path {
        case IntegrationPaths.token: self = method == .post ? .token : .wrongMethod
        case IntegrationPaths.emulatorState: self = method == .get ? .state : .wrongMethod
        case IntegrationPaths.fastSynchronizationRuns: self = method == .post ? .fastRun : .wrongMethod
        case runs, runs + "/":
            self = method == .get ? .listRuns : method == .post ? .createRun : .wrongMethod
        case IntegrationPaths.configurations:
            switch method {
            case .get: self = .getConfigurations
            case .put: self = .putConfiguration
            case .delete: self = .deleteConfiguration
            default: self = .wrongMethod
            }
        default: self = Self.runRoute(method: method, path: path)
        }
    }

    private static func runRoute(method: HTTPRequest.Method, path: String) -> EmulatorRoute {
        let prefix = IntegrationPaths.synchronizationRuns + "/"
        guard path.hasPrefix(prefix) else { return .unknown }
        let parts = path.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, let action = RunAction(rawValue: String(parts[1])) else {
            return .unknown
        }
        let id = String(parts[0]).removingPercentEncoding ?? String(parts[0])
        let wanted: HTTPRequest.Method = [.start, .stop].contains(action) ? .post : .get
        return method == wanted ? .run(id: id, action: action) : .wrongMethod
    }

    /// Whether the request needs a bearer token.
    var needsBearer: Bool {
        switch self {
        case .token, .state, .unknown, .wrongMethod: false
        default: true
        }
    }

    /// Whether the request carries a body the emulator reads.
    var readsBody: Bool {
        switch self {
        case .token, .createRun, .fastRun, .putConfiguration: true
        default: false
        }
    }
}
