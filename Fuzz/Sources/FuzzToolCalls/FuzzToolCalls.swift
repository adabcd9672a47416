// The tool-call assembly of a streamed reply: `tool_calls` deltas (index, id, type,
// function.name, function.arguments fragments) through SSEParser and StreamAssembler.
//
// An input whose first byte is below 0x80 is an SSE body as a server sends it (the seeds are
// the tool-call fixtures). Its events give the same reply whole, split at data-derived points
// and byte by byte (≤ 512 bytes); the assembled calls are those of a reference built from
// JSONDecoder(CompletionBody) and the rules ToolCallAssembler documents: by `index` (the
// position in the chunk's list when there is none), first non-empty id and name, arguments
// the concatenation of the fragments in order, calls sorted by index, a call without an id
// named `call_parley_<n>`; after every event the reply holds the calls as far as they got.
//
// Any other input describes a stream (chunks of pieces with or without index, id, name,
// arguments of any text, a `type`, an index the decoder cannot read); it is written as JSON
// chunks in an SSE body (LF or CRLF, every string escaped, non-ASCII raw or as \u escapes)
// and must assemble to exactly the calls of the pieces written, whole and at any split; the
// same pieces in one non-streamed message (CompletionDecoder.reply) must give the calls of
// one list. When indices first appear in increasing order (as servers send them), the names
// announced in the deltas are the names of the calls, in order, as far as every call before
// has a name. The assembler documents no cap on the count or size of calls.
import FuzzSupport

@testable import ChatClient

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

// MARK: - The reference

struct Piece: Equatable {
    var index: Int?
    var id: String?
    var name: String?
    var arguments: String?
}

/// The calls the pieces must give, chunk by chunk, by the rules the assembler documents.
func expectedCalls(_ chunks: [[Piece]]) -> [ToolCall] {
    var calls: [Int: (id: String, name: String, arguments: String)] = [:]
    for pieces in chunks {
        for (position, piece) in pieces.enumerated() {
            let index = piece.index ?? position
            var call = calls[index] ?? (id: "", name: "", arguments: "")
            if call.id.isEmpty { call.id = piece.id ?? "" }
            if call.name.isEmpty { call.name = piece.name ?? "" }
            call.arguments += piece.arguments ?? ""
            calls[index] = call
        }
    }
    return calls.sorted { $0.key < $1.key }.enumerated().map { number, entry in
        let call = entry.value
        let id = call.id.isEmpty ? "call_parley_\(number + 1)" : call.id
        return ToolCall(id: id, name: call.name, arguments: call.arguments)
    }
}

/// Whether every index first appears after every smaller one.
func ascending(_ chunks: [[Piece]]) -> Bool {
    var seen: [Int] = []
    for pieces in chunks {
        for (position, piece) in pieces.enumerated() {
            let index = piece.index ?? position
            if seen.contains(index) { continue }
            if let last = seen.last, index < last { return false }
            seen.append(index)
        }
    }
    return true
}

/// Calls compared byte for byte (String's == is canonical equivalence, which would take an
/// argument text that differs in its bytes for the same).
func same(_ a: [ToolCall], _ b: [ToolCall]) -> Bool {
    a.count == b.count
        && zip(a, b).allSatisfy {
            $0.id.utf8.elementsEqual($1.id.utf8) && $0.name.utf8.elementsEqual($1.name.utf8)
                && $0.arguments.utf8.elementsEqual($1.arguments.utf8)
        }
}

/// What a whole stream gave: the reply's calls after each event, the names announced.
struct Outcome: Equatable {
    var calls: [ToolCall] = []
    var steps: [[ToolCall]] = []
    var announced: [String] = []
    var content = ""
    var finished = false

    static func == (a: Outcome, b: Outcome) -> Bool {
        same(a.calls, b.calls) && a.steps.count == b.steps.count && zip(a.steps, b.steps).allSatisfy(same)
            && a.announced.map { Array($0.utf8) } == b.announced.map { Array($0.utf8) }
            && a.content.utf8.elementsEqual(b.content.utf8) && a.finished == b.finished
    }
}

/// Feeds the body to SSEParser's buffer path cut at `cuts`, and each event to a StreamAssembler.
func assemble(_ bytes: UnsafeBufferPointer<UInt8>, cuts: [Int]) -> (Outcome, [SSEEvent]) {
    var parser = SSEParser()
    var assembler = StreamAssembler()
    var outcome = Outcome()
    var events: [SSEEvent] = []
    var start = 0
    for cut in cuts + [bytes.count] where cut >= start && cut <= bytes.count {
        parser.feed(buffer: UnsafeBufferPointer(rebasing: bytes[start..<cut])) { type, data, id in
            events.append(SSEEvent(type: type ?? "message", data: String(decoding: data, as: UTF8.self), id: id))
            if let delta = try? assembler.consume(type: type, data: data) {
                outcome.announced += delta.toolCalls
                outcome.content += delta.content
            }
            outcome.steps.append(assembler.reply.toolCalls)
        }
        start = cut
    }
    parser.finish()
    outcome.calls = assembler.reply.toolCalls
    outcome.finished = (try? assembler.finish()) != nil
    return (outcome, events)
}

/// The data-derived cut points of a body: a few, spread by a hash of the bytes.
func cuts(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64) -> [Int] {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ seed
    for byte in bytes.prefix(64) { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
    let count = Int(hash % 5) + 1
    var result: [Int] = []
    for _ in 0..<count {
        hash = hash &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        result.append(Int((hash >> 33) % UInt64(bytes.count + 1)))
    }
    return result.sorted()
}

func checkSplits(_ bytes: UnsafeBufferPointer<UInt8>) -> (Outcome, [SSEEvent]) {
    let (whole, events) = assemble(bytes, cuts: [])
    for seed: UInt64 in [1, 2] {
        let at = cuts(bytes, seed: seed)
        let (split, _) = assemble(bytes, cuts: at)
        fuzzCheck(
            same(split.calls, whole.calls),
            "the calls differ when the body is split at \(at): \(split.calls) vs \(whole.calls)")
        fuzzCheck(split == whole, "the reply differs when the body is split at \(at): \(split) vs \(whole)")
    }
    if bytes.count <= 512 {
        let (single, _) = assemble(bytes, cuts: Array(0...bytes.count))
        fuzzCheck(single == whole, "the reply differs when the body is fed byte by byte: \(single) vs \(whole)")
    }
    return (whole, events)
}

// MARK: - Raw SSE bodies

/// The pieces of one event as the full decoder reads them, nil when the assembler adds nothing
/// (`[DONE]` seen, not JSON, an error).
func decodedPieces(_ event: SSEEvent) -> [Piece]? {
    guard let body = try? JSONDecoder().decode(CompletionBody.self, from: Data(event.data.utf8)) else { return nil }
    if let error = body.error, error != .null { return nil }
    if event.type == "error" { return nil }
    let choice = body.firstChoice
    let message = choice?.delta ?? choice?.message
    return (message?.toolCalls ?? []).map { Piece(index: $0.index, id: $0.id, name: $0.name, arguments: $0.arguments) }
}

func fuzzRaw(_ bytes: UnsafeBufferPointer<UInt8>) {
    let (whole, events) = checkSplits(bytes)
    var chunks: [[Piece]] = []
    var step = 0
    for event in events {
        defer { step += 1 }
        if event.data == "[DONE]" { break }  // whatever the event's type
        guard let pieces = decodedPieces(event) else { continue }
        chunks.append(pieces)
        let expected = expectedCalls(chunks)
        fuzzCheck(
            same(whole.steps[step], expected),
            "after event \(step) (\(visible(event.data))) the calls are \(whole.steps[step]), not \(expected)")
    }
    checkAnnounced(whole, chunks)
}

func checkAnnounced(_ outcome: Outcome, _ chunks: [[Piece]]) {
    guard ascending(chunks) else { return }
    let names = outcome.calls.prefix { !$0.name.isEmpty }.map(\.name)
    fuzzCheck(outcome.announced == names, "the names announced are \(outcome.announced), not \(names)")
}

// MARK: - Described streams

struct Reader {
    var bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    var atEnd: Bool { index >= bytes.count }
    mutating func byte() -> UInt8 {
        guard index < bytes.count else { return 0 }
        defer { index += 1 }
        return bytes[index]
    }
    mutating func text(_ count: Int) -> String {
        let end = min(bytes.count, index + count)
        defer { index = end }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self)
    }
}

/// A JSON string literal; non-ASCII raw, or as \u escapes (surrogate pairs beyond the BMP).
func quoted(_ text: String, escapeAll: Bool) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 || (escapeAll && scalar.value >= 0x7F) {
                for unit in String(scalar).utf16 {
                    let hex = String(unit, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

func fuzzDescribed(_ bytes: UnsafeBufferPointer<UInt8>) {
    var reader = Reader(bytes: bytes)
    let style = reader.byte()
    let escapeAll = style & 1 != 0
    let newline = style & 2 != 0 ? "\r\n" : "\n"
    var chunks: [[Piece]] = []
    var body = ""
    var wire: [String] = []  // each piece as JSON, for the non-streamed message
    while !reader.atEnd, chunks.count < 64 {
        let count = Int(reader.byte() % 4)
        var pieces: [Piece] = []
        var members: [String] = []
        for _ in 0..<count {
            let flags = reader.byte()
            var piece = Piece()
            var fields: [String] = []
            var function: [String] = []
            if flags & 1 != 0 {
                let value = reader.byte()
                // A wide or negative index, or a small one.
                let index = flags & 0x80 != 0 ? (Int(value) << 8 | Int(reader.byte())) - 0x8000 : Int(value % 6)
                piece.index = index
                fields.append("\"index\":\(index)")
            } else if flags & 0x40 != 0 {
                // An index the decoder cannot read as an Int is no index.
                fields.append("\"index\":\"\(reader.byte() % 6)\"")
            }
            if flags & 2 != 0 {
                let value = reader.byte()
                let id = value % 5 == 0 ? "" : "call_\(value % 7)"
                piece.id = id
                fields.append("\"id\":\(quoted(id, escapeAll: escapeAll))")
            }
            if flags & 0x20 != 0 { fields.append("\"type\":\"function\"") }
            if flags & 4 != 0 {
                let value = reader.byte()
                let name = value % 4 == 0 ? "" : "fn_\(value % 5)"
                piece.name = name
                function.append("\"name\":\(quoted(name, escapeAll: escapeAll))")
            }
            if flags & 8 != 0 {
                let arguments = reader.text(Int(reader.byte() % 24))
                piece.arguments = arguments
                function.append("\"arguments\":\(quoted(arguments, escapeAll: escapeAll))")
            } else if flags & 0x10 != 0 {
                function.append("\"arguments\":null")
            }
            if !function.isEmpty || flags & 0x10 != 0 {
                fields.append("\"function\":{\(function.joined(separator: ","))}")
            }
            pieces.append(piece)
            members.append("{\(fields.joined(separator: ","))}")
        }
        chunks.append(pieces)
        wire += members
        let calls = members.isEmpty ? "\"content\":\"x\"" : "\"tool_calls\":[\(members.joined(separator: ","))]"
        body +=
            "data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\(calls)},\"finish_reason\":null}]}"
            + newline + newline
    }
    body += "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}" + newline + newline
    body += "data: [DONE]" + newline + newline
    var text = body
    text.withUTF8 { sse in
        let (whole, _) = checkSplits(sse)
        let expected = expectedCalls(chunks)
        fuzzCheck(same(whole.calls, expected), "the stream \(visible(body)) gave \(whole.calls), not \(expected)")
        fuzzCheck(whole.finished, "a stream with a finish reason is taken as cut off")
        checkAnnounced(whole, chunks)
    }
    // The same pieces in one non-streamed message: one list, positions counted across it.
    let message =
        "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":["
        + wire.joined(separator: ",") + "]},\"finish_reason\":\"tool_calls\"}]}"
    let expected = expectedCalls([chunks.flatMap { $0 }])
    do {
        let reply = try CompletionDecoder.reply(from: Array(message.utf8))
        fuzzCheck(
            same(reply.toolCalls, expected), "the message \(visible(message)) gave \(reply.toolCalls), not \(expected)")
    } catch {
        fuzzFailure("the message \(visible(message)) was refused: \(error)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ pointer: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: pointer, count: size)
    if size > 0, bytes[0] >= 0x80 {
        fuzzDescribed(UnsafeBufferPointer(rebasing: bytes[1...]))
    } else {
        fuzzRaw(bytes)
    }
    return 0
}

@main struct Main {
    static func main() { fuzzMain("FuzzToolCalls", fuzz) }
}
