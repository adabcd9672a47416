#if canImport(Glibc)
    import Glibc
#endif

/// A fast reader for the usual shape of a streamed chunk: it pulls out the first choice's
/// delta text, reasoning and finish reason, the model and the usage, straight from the bytes.
/// Anything it does not expect (an `error` member, a value of an odd type, broken JSON) makes
/// it give up and return nil, and the full `JSONDecoder` path reads that chunk instead.
struct ChunkScanner {
    struct Chunk: Equatable {
        var content: String?
        var reasoning: String?
        var refusal: String?
        var finishReason: String?
        var model: String?
        var usage: Usage?
        var toolCalls: [ToolCallDelta]?
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    /// The text values read (content, reasoning, refusal), and where the last one lay.
    private var sawChoice = false
    /// How many objects and arrays are open. A chunk is a few levels deep: one nested deeper
    /// than `maxDepth` is the decoder's (which refuses it), not a recursion as deep as the server likes.
    private var depth = 0
    private static let maxDepth = 64
    private var textsRead = 0
    private var lastText: (field: ChunkTemplate.Field, span: Range<Int>)?

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    static func scan(_ text: String) -> Chunk? {
        var text = text
        return text.withUTF8 { scan($0) }
    }

    /// The chunk the bytes hold; with `wantsModel` false its `model` is left nil (checked, not read).
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, wantsModel: Bool = true) -> Chunk? {
        var scanner = ChunkScanner(bytes)
        return scanner.chunk(wantsModel: wantsModel)
    }

    /// A whole (non-streamed) reply read as a chunk, and whether it had a choice (a reply
    /// without one is an error); nil when the full decoder must read it.
    static func scanReply(_ bytes: UnsafeBufferPointer<UInt8>) -> (chunk: Chunk, hasChoice: Bool)? {
        var scanner = ChunkScanner(bytes)
        guard let chunk = scanner.chunk(wantsModel: true) else { return nil }
        return (chunk, scanner.sawChoice)
    }

    /// The same, reading a chunk that differs from the one before only in its text quickly:
    /// see `ChunkTemplate`. The answer is always the one `scan(_:wantsModel:)` gives.
    static func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, wantsModel: Bool, template: inout ChunkTemplate
    ) -> Chunk? {
        if let chunk = template.read(bytes, wantsModel: wantsModel) { return chunk }
        return scanRemembering(bytes, wantsModel: wantsModel, template: &template)
    }

    /// Reads a chunk in full and makes it the template (or forgets the template): for a caller
    /// that has tried the template already (`ChunkTemplate.text`), so it is not tried twice.
    static func scanRemembering(
        _ bytes: UnsafeBufferPointer<UInt8>, wantsModel: Bool, template: inout ChunkTemplate
    ) -> Chunk? {
        var scanner = ChunkScanner(bytes)
        let chunk = scanner.chunk(wantsModel: wantsModel)
        if let chunk, scanner.textsRead == 1, let text = scanner.lastText {
            template.remember(chunk, bytes: bytes, text: text.field, span: text.span, wantsModel: wantsModel)
        } else {
            template.forget()
        }
        return chunk
    }

    /// Reads one JSON string at `start` and nothing else: the varying text of a chunk read by its template.
    fileprivate static func text(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> String? {
        var scanner = ChunkScanner(bytes)
        scanner.index = start
        guard let value = scanner.string(), scanner.index == end else { return nil }
        return value
    }

    private mutating func chunk(wantsModel: Bool) -> Chunk? {
        var result = Chunk()
        let parsed = object { scanner, key in
            switch key {
            case .choices:
                return scanner.array { scanner in
                    // The decoder reads the first choice with index 0; a choice with another index
                    // makes the chunk the decoder's (see `choice`), so the first here is that one.
                    // A later choice must still be an object: JSONDecoder drops every choice when one is not.
                    if scanner.sawChoice { return scanner.object { scanner, _ in scanner.skipValue() } }
                    scanner.sawChoice = true
                    return scanner.choice(into: &result)
                }
            case .usage:
                if scanner.literal("null") { return true }
                guard let usage = scanner.usage() else { return false }
                result.usage = usage
                return true
            case .model:
                // Once the reply has its model, a chunk's is checked but not made into a string.
                guard wantsModel else { return scanner.literal("null") || scanner.skipString() }
                guard let model = scanner.nullableString() else { return false }
                result.model = model
                return true
            case .error:
                return false  // the full decoder words errors
            default:
                return scanner.skipValue()
            }
        }
        skipWhitespace()
        return parsed && index == bytes.count ? result : nil
    }

    private mutating func choice(into result: inout Chunk) -> Bool {
        var sawBody = false
        return object { scanner, key in
            switch key {
            case .index:
                // Only choice 0 is read here; anything else is the decoder's.
                return scanner.integer() == 0
            case .delta, .message:
                // The decoder reads one of them whole; with both present, leave it the choice.
                if sawBody { return false }
                sawBody = true
                if scanner.literal("null") { return true }
                return scanner.object { scanner, key in
                    switch key {
                    case .content:
                        guard let value = scanner.text(.content) else { return false }
                        result.content = value
                    case .reasoningContent:
                        guard let value = scanner.text(.reasoning) else { return false }
                        result.reasoning = value ?? result.reasoning
                    case .reasoning:
                        guard let value = scanner.text(.reasoning) else { return false }
                        if result.reasoning == nil { result.reasoning = value }
                    case .refusal:
                        guard let value = scanner.text(.refusal) else { return false }
                        result.refusal = value
                    case .toolCalls:
                        // Tool calls are the full decoder's: a chunk with some is left to it.
                        return scanner.literal("null")
                    default:
                        return scanner.skipValue()
                    }
                    return true
                }
            case .finishReason:
                guard let value = scanner.nullableString() else { return false }
                result.finishReason = value
                return true
            default:
                return scanner.skipValue()
            }
        }
    }

    private mutating func usage() -> Usage? {
        var prompt = 0
        var completion = 0
        var total: Int?
        var estimated = false
        let parsed = object { scanner, key in
            switch key {
            case .promptTokens:
                guard let value = scanner.integer() else { return false }
                prompt = value
            case .completionTokens:
                guard let value = scanner.integer() else { return false }
                completion = value
            case .totalTokens:
                guard let value = scanner.integer() else { return false }
                total = value
            case .estimated:
                // As `Usage` decodes it: true, or false for false and null; anything else is the decoder's.
                if scanner.literal("true") {
                    estimated = true
                } else if !scanner.literal("false"), !scanner.literal("null") {
                    return false
                }
            default:
                return scanner.skipValue()
            }
            return true
        }
        return parsed
            ? Usage(promptTokens: prompt, completionTokens: completion, totalTokens: total, estimated: estimated) : nil
    }

    // MARK: - JSON

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func expect(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// The member names the scanner looks at; every other name is `.other`. Names are matched
    /// on their bytes, so no string is made for a key.
    enum Key: Int {
        case choices, usage, model, error, delta, message, content, reasoningContent, reasoning, refusal
        case finishReason, promptTokens, completionTokens, totalTokens, index, toolCalls, estimated, other

        /// The key a member name spells (`.other` for any other name): chosen by length and
        /// first byte, then compared; nothing is allocated (this runs for every key of every chunk).
        static func named(_ start: UnsafePointer<UInt8>, length: Int) -> Key {
            func spells(_ name: StaticString) -> Bool { memcmp(start, name.utf8Start, length) == 0 }
            switch (length, start[0]) {
            case (5, UInt8(ascii: "u")): return spells("usage") ? .usage : .other
            case (5, UInt8(ascii: "m")): return spells("model") ? .model : .other
            case (5, UInt8(ascii: "e")): return spells("error") ? .error : .other
            case (5, UInt8(ascii: "d")): return spells("delta") ? .delta : .other
            case (5, UInt8(ascii: "i")): return spells("index") ? .index : .other
            case (7, UInt8(ascii: "c")): return spells("choices") ? .choices : spells("content") ? .content : .other
            case (7, UInt8(ascii: "m")): return spells("message") ? .message : .other
            case (7, UInt8(ascii: "r")): return spells("refusal") ? .refusal : .other
            case (9, UInt8(ascii: "r")): return spells("reasoning") ? .reasoning : .other
            case (9, UInt8(ascii: "e")): return spells("estimated") ? .estimated : .other
            case (10, UInt8(ascii: "t")): return spells("tool_calls") ? .toolCalls : .other
            case (12, UInt8(ascii: "t")): return spells("total_tokens") ? .totalTokens : .other
            case (13, UInt8(ascii: "f")): return spells("finish_reason") ? .finishReason : .other
            case (13, UInt8(ascii: "p")): return spells("prompt_tokens") ? .promptTokens : .other
            case (17, UInt8(ascii: "r")): return spells("reasoning_content") ? .reasoningContent : .other
            case (17, UInt8(ascii: "c")): return spells("completion_tokens") ? .completionTokens : .other
            default: return .other
            }
        }
    }

    /// Reads a member name; `.other` for names the scanner does not look at. A name with an
    /// escape could spell one of ours (`"con\u0074ent"`): such a chunk is left to the decoder.
    private mutating func key() -> Key? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        let start = index + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
            if bytes[end] == UInt8(ascii: "\\") || bytes[end] < 0x20 { return nil }
            end += 1
        }
        guard end < bytes.count else { return nil }
        index = end + 1
        let length = end - start
        guard length > 0, let base = bytes.baseAddress else { return .other }
        return Key.named(base + start, length: length)
    }

    /// `{ "key": value, … }`, calling `member` for each key with the scanner at the value.
    /// Reads an object's members. A name of ours that comes twice makes the chunk the decoder's:
    /// JSONDecoder keeps one of the two, and the scanner must not guess which.
    private mutating func object(_ member: (inout ChunkScanner, Key) -> Bool) -> Bool {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth, expect(UInt8(ascii: "{")) else { return false }
        if expect(UInt8(ascii: "}")) { return true }
        var seen: UInt32 = 0
        while true {
            skipWhitespace()
            guard let key = key(), expect(UInt8(ascii: ":")) else { return false }
            if key != .other {
                let bit: UInt32 = 1 << UInt32(key.rawValue)
                if seen & bit != 0 { return false }
                seen |= bit
            }
            skipWhitespace()
            guard member(&self, key) else { return false }
            if expect(UInt8(ascii: ",")) { continue }
            return expect(UInt8(ascii: "}"))
        }
    }

    private mutating func array(_ element: (inout ChunkScanner) -> Bool) -> Bool {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth, expect(UInt8(ascii: "[")) else { return false }
        if expect(UInt8(ascii: "]")) { return true }
        while true {
            skipWhitespace()
            guard element(&self) else { return false }
            if expect(UInt8(ascii: ",")) { continue }
            return expect(UInt8(ascii: "]"))
        }
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        skipWhitespace()
        return literalBytes(word)
    }

    /// A text member's value (string or null, as `nullableString`), noting where a string lay.
    private mutating func text(_ field: ChunkTemplate.Field) -> String?? {
        skipWhitespace()
        let start = index
        let value = nullableString()
        if case .some(.some) = value {
            textsRead += 1
            lastText = (field, start..<index)
        }
        return value
    }

    /// A string or null: `.some(nil)` for null, nil when it is neither.
    private mutating func nullableString() -> String?? {
        skipWhitespace()
        if literal("null") { return .some(nil) }
        guard let value = string() else { return nil }
        return .some(value)
    }

    private mutating func string() -> String? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        index += 1
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return value
            }
            if byte == UInt8(ascii: "\\") { return escapedString(from: start) }
            if byte < 0x20 { return nil }
            index += 1
        }
        return nil
    }

    /// Steps over a string, checking it as `string()` does, without making it (a chunk's `id`
    /// and `object` are skipped in every chunk).
    private mutating func skipString() -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return false }
        index += 1
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return true
            }
            if byte == UInt8(ascii: "\\") { return escapedString(from: start) != nil }
            if byte < 0x20 { return false }
            index += 1
        }
        return false
    }

    private mutating func escapedString(from start: Int) -> String? {
        var utf8: [UInt8] = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { return nil }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"):
                    guard var scalar = hex4() else { return nil }
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard literalBytes("\\u"), let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { return nil }
                    utf8.append(contentsOf: String(Character(unicode)).utf8)
                default:
                    return nil
                }
            default:
                if byte < 0x20 { return nil }
                utf8.append(byte)
            }
        }
        return nil
    }

    private mutating func literalBytes(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let matches = text.withUTF8Buffer { expected in (0..<count).allSatisfy { bytes[index + $0] == expected[$0] } }
        if matches { index += count }
        return matches
    }

    private mutating func hex4() -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            index += 1
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private mutating func integer() -> Int? {
        skipWhitespace()
        let start = index
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
        guard index > start, index - start < 18 else { return nil }
        // JSON writes no leading zero (`07`): JSONDecoder reads no Int from one, so neither may we.
        if index - start > 1, bytes[start] == UInt8(ascii: "0") { return nil }
        // A fraction or exponent is not a token count: let the full decoder judge.
        if index < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[index]) {
            return nil
        }
        var value = 0
        for position in start..<index { value = value * 10 + Int(bytes[position] - UInt8(ascii: "0")) }
        return value
    }

    /// Skips any JSON value, checking its syntax.
    private mutating func skipValue() -> Bool {
        skipWhitespace()
        guard index < bytes.count else { return false }
        switch bytes[index] {
        case UInt8(ascii: "{"): return object { scanner, _ in scanner.skipValue() }
        case UInt8(ascii: "["): return array { scanner in scanner.skipValue() }
        case UInt8(ascii: "\""): return skipString()
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        default: return number()
        }
    }

    /// A number as JSON writes it: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    /// Anything looser (`+1`, `.5`, `e1`) is left to the full decoder, which refuses it.
    private mutating func number() -> Bool {
        func isDigit(_ at: Int) -> Bool {
            at < bytes.count && bytes[at] >= UInt8(ascii: "0") && bytes[at] <= UInt8(ascii: "9")
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard isDigit(index) else { return false }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while isDigit(index) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard isDigit(index) else { return false }
            while isDigit(index) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard isDigit(index) else { return false }
            while isDigit(index) { index += 1 }
        }
        return true
    }
}

/// The last chunk of a stream read in full, to read the next one quickly. A server sends
/// chunks that differ only in their text (`"content":"…"`, or the reasoning): when a chunk's
/// bytes before and after its one text string are the bytes of the chunk before, JSON being
/// read left to right, it reads as that chunk with the new string; only the string is read.
/// Any other difference, or any doubt (a second text, a string that does not end where the
/// old tail begins), and the chunk is read in full. The buffers are reused: no allocation
/// once the template has its size.
struct ChunkTemplate {
    enum Field { case content, reasoning, refusal }

    private var head: [UInt8] = []
    private var tail: [UInt8] = []
    private var chunk: ChunkScanner.Chunk?
    /// `chunk != nil`, kept apart: comparing an optional chunk with nil copies the chunk.
    private var holdsChunk = false
    private var field = Field.content
    private var wantsModel = true

    /// The chunk `bytes` hold, if they match the template; nil when they must be read in full.
    func read(_ bytes: UnsafeBufferPointer<UInt8>, wantsModel: Bool) -> ChunkScanner.Chunk? {
        guard var result = chunk, let (field, text) = text(of: bytes, wantsModel: wantsModel) else { return nil }
        switch field {
        case .content: result.content = text
        case .reasoning: result.reasoning = text
        case .refusal: result.refusal = text
        }
        return result
    }

    /// Only what differs, when `bytes` match the template: which text, and the new string.
    /// The rest of the chunk is the template's (for a caller that has taken it in already).
    func text(of bytes: UnsafeBufferPointer<UInt8>, wantsModel: Bool) -> (Field, String)? {
        guard holdsChunk, wantsModel == self.wantsModel, let base = bytes.baseAddress,
            bytes.count >= head.count + tail.count + 2
        else { return nil }
        let tailStart = bytes.count - tail.count
        guard Self.matches(head, at: base), Self.matches(tail, at: base + tailStart),
            let text = ChunkScanner.text(in: bytes, from: head.count, to: tailStart)
        else { return nil }
        return (field, text)
    }

    mutating func remember(
        _ chunk: ChunkScanner.Chunk, bytes: UnsafeBufferPointer<UInt8>, text field: Field, span: Range<Int>,
        wantsModel: Bool
    ) {
        head.removeAll(keepingCapacity: true)
        head.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<span.lowerBound]))
        tail.removeAll(keepingCapacity: true)
        tail.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[span.upperBound...]))
        self.chunk = chunk
        holdsChunk = true
        self.field = field
        self.wantsModel = wantsModel
    }

    mutating func forget() {
        chunk = nil
        holdsChunk = false
    }

    private static func matches(_ stored: [UInt8], at start: UnsafePointer<UInt8>) -> Bool {
        stored.withUnsafeBufferPointer { stored in
            guard let base = stored.baseAddress else { return true }
            return memcmp(start, base, stored.count) == 0
        }
    }
}
