import NIOCore
import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Something the user should know that is not an error.
public enum ClientNotice: Sendable, Equatable {
    /// The server refused `stream_options`; it is left out for the rest of the run.
    case streamOptionsDropped
    /// A model refused a parameter and the request was adjusted, for the rest of the run.
    case parameterAdjusted(String)
}
