import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#endif

// What Sources/Tools took from full Foundation, which links 37 MB of ICU data into the static
// binary: trimming, a path's directory, "%.1f", a thread of its own.

extension String {
    /// The text without leading and trailing white space and line ends: as Foundation's
    /// `trimmingCharacters(in: .whitespacesAndNewlines)`, whose set is Unicode's White_Space
    /// and, as Core Foundation has it, the zero width space.
    var trimmingWhitespaceAndNewlines: String {
        trimmingScalars { $0.properties.isWhitespace || $0 == "\u{200B}" }
    }

    /// The text without leading and trailing spaces and tabs: as Foundation's
    /// `trimmingCharacters(in: .whitespaces)` (general category Zs, the tab, the zero width space).
    var trimmingWhitespace: String {
        trimmingScalars { $0 == "\t" || $0 == "\u{200B}" || $0.properties.generalCategory == .spaceSeparator }
    }

    private func trimmingScalars(_ isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        guard let first = unicodeScalars.firstIndex(where: { !isTrimmed($0) }),
            let last = unicodeScalars.lastIndex(where: { !isTrimmed($0) })
        else { return "" }
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: unicodeScalars[first...last])
        return String(kept)
    }

    /// The path without its last component, as NSString's `deletingLastPathComponent`:
    /// "/a/b/c" and "/a/b/c/" give "/a/b", "/a" gives "/", "a" gives "".
    var parentPath: String {
        var path = Substring(self)
        while path.count > 1, path.last == "/" { path.removeLast() }
        guard let slash = path.lastIndex(of: "/") else { return "" }
        if slash == path.startIndex { return "/" }
        var directory = path[..<slash]
        while directory.count > 1, directory.last == "/" { directory.removeLast() }
        return String(directory)
    }
}

enum Formatting {
    /// `String(format: "%.1f", value)`, without Foundation: the exact binary value rounded as
    /// printf rounds it (to nearest, a true tie to even), so 0.25 gives "0.2" and 0.35 (just
    /// under) "0.3". Values too large for whole tenths in an Int are written as Swift writes them.
    static func oneDecimal(_ value: Double) -> String {
        let magnitude = value.magnitude
        guard magnitude < 1e15 else { return "\(value)" }
        let product = magnitude * 10
        // The product's rounding error, exactly (a fused multiply-add): it decides a product
        // that landed on a half.
        let error = (-product).addingProduct(magnitude, 10)
        var tenths = product.rounded(.toNearestOrEven)
        if product - product.rounded(.down) == 0.5, error != 0 {
            tenths = error > 0 ? product.rounded(.up) : product.rounded(.down)
        }
        let whole = Int(tenths)
        return (value.sign == .minus ? "-" : "") + "\(whole / 10).\(whole % 10)"
    }
}

/// An error in words, for a message: a file system error as the C library says it, else the
/// error as Swift writes it (full Foundation's `localizedDescription` needs ICU).
func describeSystemError(_ error: any Error) -> String {
    if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
    if let cocoa = error as? CocoaError, let posix = cocoa.userInfo["NSUnderlyingError"] as? POSIXError {
        return String(cString: strerror(posix.code.rawValue))
    }
    return "\(error)"
}
