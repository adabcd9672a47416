#if canImport(Glibc)
    import Glibc
#endif

/// The process's environment, read from `environ` once. Not `ProcessInfo.environment`: it
/// grows its dictionary one entry at a time, and the first growth looks the dictionary's
/// type up by name, a protocol-conformance scan of the whole binary on every start.
enum ProcessEnvironment {
    /// Each `NAME=value` entry; for a name given twice, the first, as `getenv` reads it.
    static func read() -> [String: String] {
        var count = 0
        while environ[count] != nil { count += 1 }
        var variables = [String: String](minimumCapacity: count)
        for index in 0..<count {
            guard let entry = environ[index] else { continue }
            let text = String(cString: entry)
            guard let equals = text.utf8.firstIndex(of: UInt8(ascii: "=")) else { continue }
            let name = String(text[..<equals])
            if variables[name] == nil { variables[name] = String(text[text.utf8.index(after: equals)...]) }
        }
        return variables
    }
}
