#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A TCP socket listening on 127.0.0.1 that never answers, to prove nobody connected to it.
///
/// The kernel completes connections into the backlog even when nobody accepts them, so a
/// non-blocking `accept` afterwards tells whether anything tried to fetch from this port.
final class LoopbackListener {
    private let socketDescriptor: Int32
    /// The port picked by the system.
    let port: UInt16

    init?() {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(descriptor, address, length) == 0
                    && listen(descriptor, 16) == 0
                    && getsockname(descriptor, address, &length) == 0
            }
        }
        guard bound, fcntl(descriptor, F_SETFL, O_NONBLOCK) == 0 else {
            close(descriptor)
            return nil
        }
        socketDescriptor = descriptor
        port = UInt16(bigEndian: address.sin_port)
    }

    /// Whether a client connected since the listener opened.
    func someoneConnected() -> Bool {
        let client = accept(socketDescriptor, nil, nil)
        if client >= 0 {
            close(client)
            return true
        }
        return false
    }

    deinit { close(socketDescriptor) }
}
