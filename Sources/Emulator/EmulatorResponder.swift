import Foundation
import HTTPTypes
import Hummingbird
import IntegrationWire
import NIOCore

/// Turns HTTP requests into store calls: counts and limits them, injects
/// faults, checks body size and bearer token, then dispatches on the route.
struct EmulatorResponder: HTTPResponder {
    typealias Context = EmulatorContext

    let store: EmulatorStore
    let maxBody: Int

    func respond(to request: Request, context: Context) async throws -> Response {
        let route = EmulatorRoute(method: request.method, path: request.uri.path)
        switch route {
        case .state: return Self.response(await store.stateReply())
        case .unknown: return Self.response(.errors(404, ["No such endpoint: \(request.uri.path)"]))
        case .wrongMethod:
            return Self.response(.errors(405, ["\(request.method) is not allowed on \(request.uri.path)"]))
        default: break
        }
        var fault: FaultPlan.RequestFault?
        if route.isAdmitted {
            switch await store.admit(isCreate: route == .createRun) {
            case .refuse(let reply): return Self.response(reply)
            case .proceed(let drawn): fault = drawn
            }
        }
        let reply = await answer(route, request: request)
        switch fault {
        case .reset?:
            await ConnectionReset.reset(context.channel)
            return Response(status: .ok)
        case .lost? where reply.status == 200:
            return Self.response(.errors(502, ["Bad gateway (injected by the emulator; the run was created)"]))
        default:
            return Self.response(reply)
        }
    }

    /// Reads the body within the size limit, checks the bearer token and
    /// carries the request out.
    private func answer(_ route: EmulatorRoute, request: Request) async -> Reply {
        var request = request
        var body = Data()
        if route.readsBody {
            if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxBody {
                return Self.tooLarge(maxBody)
            }
            do {
                body = Data(buffer: try await request.collectBody(upTo: maxBody))
            } catch is NIOTooManyBytesError {
                return Self.tooLarge(maxBody)
            } catch {
                return .errors(400, ["The request body could not be read: \(error)"])
            }
        }
        if route.needsBearer, let refusal = await store.authenticate(authorization: request.headers[.authorization]) {
            return refusal
        }
        return await dispatch(route, request: request, body: body)
    }

    private func dispatch(_ route: EmulatorRoute, request: Request, body: Data) async -> Reply {
        var query: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
        let flag = { (name: String) in query[name].map { $0.lowercased() == "true" } ?? false }
        switch route {
        case .token:
            return await store.exchangeToken(
                authorization: request.headers[.authorization], form: String(decoding: body, as: UTF8.self))
        case .listRuns: return await store.listRuns()
        case .createRun, .fastRun:
            switch LDIFSubmission.parse(body) {
            case .invalid(let problems): return .errors(400, problems)
            case .valid(let submission):
                if route == .fastRun { return await store.fastRun(submission, test: flag(IntegrationQuery.test)) }
                return await store.createRun(
                    submission, start: flag(IntegrationQuery.start), test: flag(IntegrationQuery.test))
            }
        case .run(let id, let action):
            return await runAction(id, action, test: flag(IntegrationQuery.test), query: query)
        case .getConfigurations: return await store.listConfigurations(filter: query)
        case .putConfiguration: return await store.putConfiguration(body)
        case .deleteConfiguration: return await store.deleteConfiguration(filter: query)
        case .state, .unknown, .wrongMethod: return .errors(404, ["No such endpoint"])
        }
    }

    private func runAction(
        _ id: String, _ action: RunAction, test: Bool, query: [String: String]
    ) async -> Reply {
        switch action {
        case .start: await store.startRun(id, test: test)
        case .status: await store.status(id)
        case .progress: await store.progress(id)
        case .stats: await store.stats(id)
        case .warnings:
            await store.warnings(
                id, offset: query[IntegrationQuery.offset], limit: query[IntegrationQuery.limit])
        case .results: await store.results(id)
        case .stop: await store.stopRun(id)
        }
    }

    private static func tooLarge(_ maxBody: Int) -> Reply {
        .errors(413, ["The request body is larger than \(maxBody) bytes (the emulator's --max-body)"])
    }

    static func response(_ reply: Reply) -> Response {
        var headers = HTTPFields()
        for header in reply.headers {
            if let name = HTTPField.Name(header.name) { headers[name] = header.value }
        }
        guard let body = reply.body else {
            return Response(status: HTTPResponse.Status(code: reply.status), headers: headers)
        }
        headers[.contentType] = "application/json"
        return Response(
            status: HTTPResponse.Status(code: reply.status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}

extension EmulatorRoute {
    /// Whether the request is counted, rate limited and open to faults:
    /// token and run calls are; inspection and configuration set-up are not.
    var isAdmitted: Bool {
        switch self {
        case .token, .listRuns, .createRun, .run, .fastRun: true
        default: false
        }
    }
}
