import Hummingbird
import NIOCore

/// The request context: it keeps the connection's channel, which the
/// `reset` fault closes without an answer.
struct EmulatorContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        channel = source.channel
    }
}
