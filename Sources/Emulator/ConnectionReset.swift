import Foundation
import NIOCore

/// Drops a connection the way a crashed proxy does: SO_LINGER 0 makes the
/// close send a TCP RST, so the client sees "connection reset by peer"
/// instead of a clean end of stream, and no answer at all.
enum ConnectionReset {
    static func reset(_ channel: any Channel) async {
        if let provider = channel as? any SocketOptionProvider {
            try? await provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
        }
        try? await channel.close()
    }
}
