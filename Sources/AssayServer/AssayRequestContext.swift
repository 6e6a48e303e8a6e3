import Hummingbird
import NIOCore

/// The context of a request to the server: Hummingbird's, and the peer's address, which the
/// sign-in throttle counts failures by.
public struct AssayRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
