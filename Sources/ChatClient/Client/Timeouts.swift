import NIOCore
import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// How long to wait, in seconds. No limit applies to the total length of a reply.
public struct Timeouts: Sendable, Equatable {
    public var connect: Double
    /// From sending the request to the first byte of the reply.
    public var firstByte: Double
    /// Between two reads while the reply streams.
    public var idle: Double

    public init(connect: Double = 10, firstByte: Double = 300, idle: Double = 120) {
        self.connect = connect
        self.firstByte = firstByte
        self.idle = idle
    }
}
