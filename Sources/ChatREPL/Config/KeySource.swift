import ChatClient

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Where a server's API key comes from.
public enum KeySource: Sendable, Equatable {
    /// An environment variable's name.
    case environment(String)
    /// A file holding the key (refused if group or others may read it).
    case file(String)
    /// A command whose standard output is the key (a password manager).
    case command(String)
    /// The key written in the config file itself (accepted only if others cannot read the file).
    case literal(String)
}
