//
//  ImplicitTagMatchers.swift
//  Yams (vendored in Parley)
//
//  Not upstream: hand-written matchers for the patterns of the default resolver rules
//  (Resolver.swift) and of the timestamp constructor (Constructor.swift), which upstream
//  matches with NSRegularExpression. NSRegularExpression is in swift-corelibs Foundation,
//  which links ICU (37 MB); these need nothing. Each accepts exactly the strings its pattern
//  accepted (Tests/ChatREPLTests/YamsResolverTests.swift runs both side by side).
//
//  Every class in those patterns is ASCII, so the matchers read UTF-8 bytes: a non-ASCII
//  scalar is bytes >= 0x80, which no class and no literal accepts, as it was with ICU.
//

enum ImplicitTagMatchers {
    /// ICU's `$` (without multiline) matches at the end of the input and also before a line
    /// terminator that ends the input: \n, \u{B}, \u{C}, \r, \r\n, \u{85}, \u{2028}, \u{2029}.
    /// None of the patterns can consume such a terminator itself.
    static func matchesBeforeFinalLineBreak(_ string: String, _ core: (String) -> Bool) -> Bool {
        beforeFinalLineBreak(string) { core($0) ? true : nil } ?? false
    }

    /// The constructor's timestamp groups, `$` as ICU has it (see `matchesBeforeFinalLineBreak`).
    static func matchesBeforeFinalLineBreakTimestamp(_ string: String) -> [Substring?]? {
        beforeFinalLineBreak(string, timestamp)
    }

    private static func beforeFinalLineBreak<T>(_ string: String, _ core: (String) -> T?) -> T? {
        if let result = core(string) { return result }
        let scalars = string.unicodeScalars
        guard let last = scalars.last else { return nil }
        switch last.value {
        case 0x0A:
            let rest = scalars.dropLast()
            if rest.last == "\r", let result = core(String(String.UnicodeScalarView(rest.dropLast()))) {
                return result
            }
            return core(String(String.UnicodeScalarView(rest)))
        case 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029:
            return core(String(String.UnicodeScalarView(scalars.dropLast())))
        default:
            return nil
        }
    }

    // MARK: - Literal rules

    /// `^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$`
    @Sendable static func isBool(_ string: String) -> Bool {
        isOne(of: ["yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
                   "on", "On", "ON", "off", "Off", "OFF"], string)
    }

    /// `^(?:<<)$`
    @Sendable static func isMerge(_ string: String) -> Bool { isOne(of: ["<<"], string) }

    /// `^(?:~|null|Null|NULL|)$`
    @Sendable static func isNull(_ string: String) -> Bool {
        isOne(of: ["~", "null", "Null", "NULL", ""], string)
    }

    /// `^(?:=)$`
    @Sendable static func isValue(_ string: String) -> Bool { isOne(of: ["="], string) }

    /// Byte for byte: String's `==` is canonical equivalence (U+212A KELVIN SIGN == "K"), a regex is not.
    private static func isOne(of literals: [String], _ string: String) -> Bool {
        literals.contains { $0.utf8.elementsEqual(string.utf8) }
    }

    // MARK: - Numbers

    /// `^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+
    /// |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$`
    @Sendable static func isInt(_ string: String) -> Bool {
        var bytes = Substring(string).utf8[...]
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            bytes = bytes.dropFirst()
        }
        let body = Array(bytes)
        func all(_ from: Int, _ test: (UInt8) -> Bool) -> Bool { body[from...].allSatisfy(test) }
        func has(_ prefix: String) -> Bool { body.starts(with: Array(prefix.utf8)) }
        // 0b[0-1_]+
        if has("0b"), body.count > 2, all(2, { $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: "1") || isUnderscore($0) }) {
            return true
        }
        // 0o[0-7_]+ and 0[0-7_]+
        if has("0o"), body.count > 2, all(2, isOctalOrUnderscore) { return true }
        if has("0"), body.count > 1, all(1, isOctalOrUnderscore) { return true }
        // 0 and [1-9][0-9_]*
        if body == [UInt8(ascii: "0")] { return true }
        if let first = body.first, isNonZeroDigit(first), all(1, isDigitOrUnderscore) { return true }
        // 0x[0-9a-fA-F_]+
        if has("0x"), body.count > 2, all(2, { isHexDigit($0) || isUnderscore($0) }) { return true }
        // [1-9][0-9_]*(?::[0-5]?[0-9])+
        var parts = body.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)[...]
        guard parts.count >= 2, let head = parts.popFirst(), let first = head.first, isNonZeroDigit(first),
              head.dropFirst().allSatisfy(isDigitOrUnderscore) else {
            return false
        }
        return parts.allSatisfy(isSexagesimalPart)
    }

    /// `^(?:[-+]?(?:[0-9][0-9_]*)(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?
    /// |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$`
    @Sendable static func isFloat(_ string: String) -> Bool {
        if isOne(of: [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
                      ".nan", ".NaN", ".NAN"], string) {
            return true
        }
        let bytes = Array(string.utf8)
        var index = 0
        func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }
        func take(_ test: (UInt8) -> Bool) -> Bool {
            guard let byte = peek(), test(byte) else { return false }
            index += 1
            return true
        }
        func takeAll(_ test: (UInt8) -> Bool) -> Int {
            let start = index
            while take(test) {}
            return index - start
        }
        func isSign(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") }
        func isDot(_ byte: UInt8) -> Bool { byte == UInt8(ascii: ".") }
        func isExponent(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") }

        // \.[0-9_]+(?:[eE][-+][0-9]+)?
        if bytes.first == UInt8(ascii: ".") {
            index = 1
            guard takeAll(isDigitOrUnderscore) > 0 else { return false }
            if take(isExponent) {
                guard take(isSign), takeAll(isDigit) > 0 else { return false }
            }
            return index == bytes.count
        }
        _ = take(isSign)
        guard take(isDigit) else { return false }
        _ = takeAll(isDigitOrUnderscore)
        if peek() == UInt8(ascii: ":") {
            // [0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
            while take({ $0 == UInt8(ascii: ":") }) {
                let start = index
                _ = takeAll(isDigit)
                guard isSexagesimalPart(bytes[start..<index]) else { return false }
            }
            guard take(isDot) else { return false }
            _ = takeAll(isDigitOrUnderscore)
            return index == bytes.count
        }
        // [0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?
        if take(isDot) { _ = takeAll(isDigitOrUnderscore) }
        if take(isExponent) {
            _ = take(isSign)
            guard takeAll(isDigit) > 0 else { return false }
        }
        return index == bytes.count
    }

    // MARK: - Timestamps

    /// `^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?
    /// :[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$`
    @Sendable static func isTimestamp(_ string: String) -> Bool {
        guard let parts = timestamp(string) else { return false }
        return parts[3] != nil || (parts[1]?.count == 2 && parts[2]?.count == 2)
    }

    /// The groups of the constructor's pattern, or nil where it does not match:
    /// `^([0-9]{4})-([0-9][0-9]?)-([0-9][0-9]?)(?:(?:[Tt]|[ \t]+)([0-9][0-9]?):([0-9][0-9]):([0-9][0-9])
    /// (?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9][0-9]?)(?::([0-9][0-9]))?))?)?$`
    /// (year, month, day, hour, minute, second, fraction, zone, zone sign, zone hour, zone minute).
    /// No trailing line break: see `matchesBeforeFinalLineBreak`.
    static func timestamp(_ string: String) -> [Substring?]? {
        let text = Substring(string)
        let bytes = text.utf8
        var index = bytes.startIndex
        var groups = [Substring?](repeating: nil, count: 11)
        func peek() -> UInt8? { index < bytes.endIndex ? bytes[index] : nil }
        func take(_ test: (UInt8) -> Bool) -> Bool {
            guard let byte = peek(), test(byte) else { return false }
            index = bytes.index(after: index)
            return true
        }
        func literal(_ character: Unicode.Scalar) -> Bool { take { $0 == UInt8(ascii: character) } }
        /// Between `minimum` and `maximum` digits (greedy: what follows a group is never a digit).
        func digits(_ minimum: Int, _ maximum: Int) -> Substring? {
            let start = index
            var count = 0
            while count < maximum, take(isDigit) { count += 1 }
            guard count >= minimum, peek().map(isDigit) != true || count < maximum else { return nil }
            return text[start..<index]
        }

        guard let year = digits(4, 4), literal("-"), let month = digits(1, 2), literal("-"),
              let day = digits(1, 2) else {
            return nil
        }
        groups[0] = year
        groups[1] = month
        groups[2] = day
        if index == bytes.endIndex { return groups }

        if !take({ $0 == UInt8(ascii: "T") || $0 == UInt8(ascii: "t") }) {
            guard take(isBlank) else { return nil }
            while take(isBlank) {}
        }
        guard let hour = digits(1, 2), literal(":"), let minute = digits(2, 2), literal(":"),
              let second = digits(2, 2) else {
            return nil
        }
        groups[3] = hour
        groups[4] = minute
        groups[5] = second
        if literal(".") {
            let start = index
            while take(isDigit) {}
            groups[6] = text[start..<index]
        }
        if index == bytes.endIndex { return groups }

        while take(isBlank) {}
        let zoneStart = index
        if literal("Z") {
            // Z
        } else {
            let signStart = index
            guard take({ $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }) else { return nil }
            groups[8] = text[signStart..<index]
            guard let zoneHour = digits(1, 2) else { return nil }
            groups[9] = zoneHour
            if literal(":") {
                guard let zoneMinute = digits(2, 2) else { return nil }
                groups[10] = zoneMinute
            }
        }
        groups[7] = text[zoneStart..<index]
        return index == bytes.endIndex ? groups : nil
    }

    // MARK: - Classes

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    private static func isNonZeroDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "1") && byte <= UInt8(ascii: "9")
    }
    private static func isUnderscore(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "_") }
    private static func isDigitOrUnderscore(_ byte: UInt8) -> Bool { isDigit(byte) || isUnderscore(byte) }
    private static func isOctalOrUnderscore(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "7")) || isUnderscore(byte)
    }
    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
    }
    private static func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    /// `[0-5]?[0-9]`
    private static func isSexagesimalPart(_ part: ArraySlice<UInt8>) -> Bool {
        guard let last = part.last, isDigit(last) else { return false }
        switch part.count {
        case 1: return true
        case 2: return part.first.map { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "5") } ?? false
        default: return false
        }
    }
}
