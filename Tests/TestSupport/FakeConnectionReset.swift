import Foundation

#if canImport(Glibc)
import Glibc
#endif

extension FakeConnection {
    /// Makes the server's close of this connection a reset (RST) instead of an orderly close:
    /// a transient fault as a crashing or overloaded server shows it.
    public func resetOnClose() {
        var option = linger(l_onoff: 1, l_linger: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
    }
}
