/// A fast, strict reader of JSON text (RFC 8259) into `JSONValue`, for the paths where
/// `JSONDecoder` costs too much (a session file of a thousand messages).
///
/// It accepts only what `JSONDecoder` accepts, and reads it to the same value; where the two
/// might differ it throws, and the caller goes the `JSONDecoder` way, which says what is wrong.
/// So it throws on: anything after the value but whitespace, a byte-order mark, control
/// characters in strings, bad escapes, lone surrogates, invalid UTF-8, a number out of range
/// (or one that would be a subnormal), a key twice in one object (`JSONDecoder` keeps the
/// first, a dictionary the last), and nesting deeper than `maximumDepth`.
public struct JSONReader {
    /// Why the text was not read; the message is for tests and logs, never for users (the
    /// `JSONDecoder` fallback says what is wrong).
    public struct Failure: Error, Sendable, Equatable {
        public let offset: Int
        public let reason: String
    }

    /// The deepest nesting read: `JSONDecoder` reads 512 arrays in arrays, not 513.
    public static let maximumDepth = 512

    private let input: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var depth = 0
    /// Just after a `{` or `[` taken by `beginObject` or `beginArray`: no comma is due.
    private var afterOpening = false
    /// A number was written with a fraction or an exponent yet is whole (`1.0`, `1e2`), or as
    /// an integer of more than 15 digits: read as an `Int`, `JSONDecoder` might make another
    /// value of it than the `Double` holds.
    public private(set) var hasLooseNumbers = false

    private init(_ input: UnsafeBufferPointer<UInt8>) {
        self.input = input
    }

    /// The one value the text holds.
    public static func parse(_ bytes: [UInt8]) throws(Failure) -> JSONValue {
        try read(bytes).value
    }

    /// The one value the text holds, and whether it has loose numbers (`hasLooseNumbers`).
    public static func read(_ bytes: [UInt8]) throws(Failure) -> (value: JSONValue, hasLooseNumbers: Bool) {
        try reading(bytes) { (reader: inout JSONReader) throws(Failure) in
            (try reader.value(), reader.hasLooseNumbers)
        }
    }

    /// Reads the text's one value piece by piece in `body` (`beginObject`, `nextKey`,
    /// `beginArray`, `nextElement`, `string`, `value`), for a caller that builds its own types
    /// without a `JSONValue` in between; then checks that nothing but whitespace follows.
    public static func reading<Read>(
        _ bytes: [UInt8], _ body: (inout JSONReader) throws(Failure) -> Read
    ) throws(Failure) -> Read {
        let result: Result<Read, Failure> = bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(buffer)
            do throws(Failure) {
                let read = try body(&reader)
                reader.skipWhitespace()
                guard reader.index == buffer.count else { throw reader.failure("text after the value") }
                return .success(read)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// A failure at the current place: for a caller of `reading` that meets a shape it does not take.
    public func failure(_ reason: String) -> Failure {
        Failure(offset: index, reason: reason)
    }

    private func fail(_ reason: String) -> Failure {
        failure(reason)
    }

    // MARK: - Piece by piece

    /// The next byte that is not whitespace, not taken: what kind of value comes.
    public mutating func peek() -> UInt8? {
        skipWhitespace()
        return index < input.count ? input[index] : nil
    }

    /// Takes the `{` of an object; its members follow with `nextKey`.
    public mutating func beginObject() throws(Failure) {
        guard peek() == UInt8(ascii: "{") else { throw fail("an object should be here") }
        try enter()
        index += 1
        afterOpening = true
    }

    /// The next member's key (its colon taken, its value next), or nil at the object's end
    /// (its `}` taken).
    public mutating func nextKey() throws(Failure) -> String? {
        if take(UInt8(ascii: "}")) {
            depth -= 1
            afterOpening = false
            return nil
        }
        if !afterOpening && !take(UInt8(ascii: ",")) { throw fail("a comma or a closing brace should be here") }
        afterOpening = false
        guard peek() == UInt8(ascii: "\"") else { throw fail("a key should be here") }
        let key = try readString()
        guard take(UInt8(ascii: ":")) else { throw fail("a colon should be here") }
        return key
    }

    /// Takes the `[` of an array; its elements follow with `nextElement`.
    public mutating func beginArray() throws(Failure) {
        guard peek() == UInt8(ascii: "[") else { throw fail("an array should be here") }
        try enter()
        index += 1
        afterOpening = true
    }

    /// Whether another element follows (its comma taken, the element next); false at the
    /// array's end (its `]` taken).
    public mutating func nextElement() throws(Failure) -> Bool {
        if take(UInt8(ascii: "]")) {
            depth -= 1
            afterOpening = false
            return false
        }
        if !afterOpening && !take(UInt8(ascii: ",")) { throw fail("a comma or a closing bracket should be here") }
        afterOpening = false
        return true
    }

    /// A string value.
    public mutating func string() throws(Failure) -> String {
        guard peek() == UInt8(ascii: "\"") else { throw fail("a string should be here") }
        return try readString()
    }

    private mutating func skipWhitespace() {
        while index < input.count {
            switch input[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    /// Any value, whole.
    public mutating func value() throws(Failure) -> JSONValue {
        skipWhitespace()
        guard index < input.count else { throw fail("the text ends where a value should be") }
        switch input[index] {
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw fail("no value starts here")
        }
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let count = word.utf8CodeUnitCount
        guard input.count - index >= count else { throw fail("the text ends in a literal") }
        let bytes = UnsafeBufferPointer(start: word.utf8Start, count: count)
        for offset in 0..<count where input[index + offset] != bytes[offset] {
            throw fail("not a literal")
        }
        index += count
    }

    private mutating func enter() throws(Failure) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw fail("nested too deep") }
    }

    /// Whether the next byte (after whitespace) is `byte`; if so it is taken.
    private mutating func take(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard index < input.count, input[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func object() throws(Failure) -> JSONValue {
        try enter()
        index += 1
        // Room for the keys of a turn (six) without growing: growing costs more than the room.
        var members = [String: JSONValue](minimumCapacity: 6)
        if take(UInt8(ascii: "}")) {
            depth -= 1
            return .object(members)
        }
        repeat {
            skipWhitespace()
            guard index < input.count, input[index] == UInt8(ascii: "\"") else { throw fail("a key should be here") }
            let key = try readString()
            guard take(UInt8(ascii: ":")) else { throw fail("a colon should be here") }
            let member = try value()
            guard members.updateValue(member, forKey: key) == nil else { throw fail("a key twice") }
        } while take(UInt8(ascii: ","))
        guard take(UInt8(ascii: "}")) else { throw fail("a comma or a closing brace should be here") }
        depth -= 1
        return .object(members)
    }

    private mutating func array() throws(Failure) -> JSONValue {
        try enter()
        index += 1
        var elements: [JSONValue] = []
        if take(UInt8(ascii: "]")) {
            depth -= 1
            return .array(elements)
        }
        repeat {
            elements.append(try value())
        } while take(UInt8(ascii: ","))
        guard take(UInt8(ascii: "]")) else { throw fail("a comma or a closing bracket should be here") }
        depth -= 1
        return .array(elements)
    }

    // MARK: - Strings

    /// The string at the opening quote. One without escapes is made from its bytes directly.
    private mutating func readString() throws(Failure) -> String {
        index += 1
        let start = index
        var ascii = true
        while index < input.count {
            index = JSONBytes.skipPlain16(input, from: index, ascii: &ascii)
            while input.count - index >= 8 {
                let word = JSONBytes.word(input, at: index)
                if JSONBytes.needsAttention(word) { break }
                if JSONBytes.hasNonASCII(word) { ascii = false }
                index += 8
            }
            guard index < input.count else { break }
            let byte = input[index]
            if byte == UInt8(ascii: "\"") {
                let bytes = UnsafeBufferPointer(rebasing: input[start..<index])
                index += 1
                if ascii { return String(decoding: bytes, as: UTF8.self) }
                guard let text = String(validating: bytes, as: UTF8.self) else { throw fail("invalid UTF-8") }
                return text
            }
            if byte == UInt8(ascii: "\\") { return try escapedString(from: start) }
            if byte < 0x20 { throw fail("a control character in a string") }
            if byte >= 0x80 { ascii = false }
            index += 1
        }
        throw fail("the text ends in a string")
    }

    /// The rest of a string that has an escape: its bytes gathered, then checked as UTF-8.
    private mutating func escapedString(from start: Int) throws(Failure) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(index - start + 16)
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[start..<index]))
        while index < input.count {
            let runStart = index
            while input.count - index >= 8, !JSONBytes.needsAttention(JSONBytes.word(input, at: index)) { index += 8 }
            if index > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<index])) }
            guard index < input.count else { break }
            let byte = input[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                guard let text = String(validating: bytes, as: UTF8.self) else { throw fail("invalid UTF-8") }
                return text
            case UInt8(ascii: "\\"):
                try escape(into: &bytes)
            case ..<0x20:
                throw fail("a control character in a string")
            default:
                bytes.append(byte)
                index += 1
            }
        }
        throw fail("the text ends in a string")
    }

    /// One escape, at its backslash, appended as UTF-8.
    private mutating func escape(into bytes: inout [UInt8]) throws(Failure) {
        guard index + 1 < input.count else { throw fail("the text ends in an escape") }
        let letter = input[index + 1]
        index += 2
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(letter)
        case UInt8(ascii: "b"): bytes.append(0x08)
        case UInt8(ascii: "f"): bytes.append(0x0C)
        case UInt8(ascii: "n"): bytes.append(0x0A)
        case UInt8(ascii: "r"): bytes.append(0x0D)
        case UInt8(ascii: "t"): bytes.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try hexUnit()
            var scalarValue = UInt32(unit)
            if (0xD800...0xDBFF).contains(unit) {
                guard index + 1 < input.count, input[index] == UInt8(ascii: "\\"), input[index + 1] == UInt8(ascii: "u")
                else { throw fail("a lone surrogate") }
                index += 2
                let low = try hexUnit()
                guard (0xDC00...0xDFFF).contains(low) else { throw fail("a lone surrogate") }
                scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(unit) {
                throw fail("a lone surrogate")
            }
            guard let scalar = Unicode.Scalar(scalarValue) else { throw fail("not a scalar") }
            if let encoded = UTF8.encode(scalar) { bytes.append(contentsOf: encoded) }
        default:
            throw fail("an unknown escape")
        }
    }

    /// The four hex digits of a `\u` escape.
    private mutating func hexUnit() throws(Failure) -> UInt16 {
        guard input.count - index >= 4 else { throw fail("the text ends in an escape") }
        var unit: UInt16 = 0
        for _ in 0..<4 {
            let byte = input[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw fail("not a hex digit")
            }
            unit = unit << 4 | UInt16(digit)
            index += 1
        }
        return unit
    }

    // MARK: - Numbers

    /// The number at its first byte, as `Double(String)` reads its text (as `JSONDecoder`
    /// does); short integers are summed directly, which gives the same exact value.
    private mutating func number() throws(Failure) -> Double {
        let start = index
        let negative = input[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        guard index < input.count else { throw fail("the text ends in a number") }
        var whole = 0
        var digits = 0
        var nonZero = false
        if input[index] == UInt8(ascii: "0") {
            index += 1
            digits = 1
        } else {
            while index < input.count, let digit = Self.digit(input[index]) {
                if digits < 18 { whole = whole * 10 + Int(digit) }
                if digit != 0 { nonZero = true }
                digits += 1
                index += 1
            }
            guard digits > 0 else { throw fail("a number without digits") }
        }
        let zeroWhole = digits == 1 && whole == 0 && !nonZero
        var simple = true
        if index < input.count, input[index] == UInt8(ascii: ".") {
            simple = false
            index += 1
            let first = index
            while index < input.count, let digit = Self.digit(input[index]) {
                if digit != 0 { nonZero = true }
                index += 1
            }
            guard index > first else { throw fail("a fraction without digits") }
        }
        if index < input.count, input[index] == UInt8(ascii: "e") || input[index] == UInt8(ascii: "E") {
            // JSONDecoder refuses `0e5` and `0E1` (not `0e0`, `0e-5`, `-0e5` or `0.0e5`): a zero
            // with an exponent and no fraction is left to it.
            guard !(zeroWhole && simple) else { throw fail("a zero with an exponent") }
            simple = false
            index += 1
            if index < input.count, input[index] == UInt8(ascii: "+") || input[index] == UInt8(ascii: "-") {
                index += 1
            }
            let first = index
            while index < input.count, Self.digit(input[index]) != nil { index += 1 }
            guard index > first else { throw fail("an exponent without digits") }
        }
        if simple && digits <= 15 {
            let value = Double(whole)
            return negative ? -value : value
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: input[start..<index]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { throw fail("a number out of range") }
        // JSONDecoder refuses a number that underflows; a subnormal one is left to it too.
        guard value == 0 ? !nonZero : abs(value) >= Double.leastNormalMagnitude else {
            throw fail("a number too small")
        }
        if simple || value == value.rounded(.towardZero) { hasLooseNumbers = true }
        return value
    }

    private static func digit(_ byte: UInt8) -> UInt8? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? byte - UInt8(ascii: "0") : nil
    }
}
