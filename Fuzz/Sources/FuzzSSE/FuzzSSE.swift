// SSEParser: never crashes, and the events do not depend on where the body is split between
// reads (whole, at a data-derived point, byte by byte for short inputs). Every event then goes
// through a StreamAssembler, which may throw but must not crash.
import FuzzSupport

@testable import ChatClient

func events(_ bytes: UnsafeBufferPointer<UInt8>, cuts: [Int]) -> [SSEEvent] {
    var parser = SSEParser()
    var result: [SSEEvent] = []
    var start = 0
    for cut in cuts + [bytes.count] where cut >= start {
        result += parser.feed(UnsafeBufferPointer(rebasing: bytes[start..<cut]))
        start = cut
    }
    parser.finish()
    result += parser.feed([UInt8]())
    return result
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ pointer: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let data = pointer
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let whole = events(bytes, cuts: [])
    let split = size == 0 ? 0 : Int(bytes[0]) * 7919 % (size + 1)
    let halves = events(bytes, cuts: [split])
    fuzzCheck(whole == halves, "SSE events differ when the body is split at \(split): \(whole) vs \(halves)")
    if size <= 512 {
        let single = events(bytes, cuts: Array(0...size))
        fuzzCheck(whole == single, "SSE events differ when fed byte by byte: \(whole) vs \(single)")
    }
    // The streaming path (raw bytes, no strings) must see the same events.
    var parser = SSEParser()
    var raw: [SSEEvent] = []
    var assembler = StreamAssembler()
    parser.feed(buffer: bytes) { type, data, id in
        raw.append(SSEEvent(type: type ?? "message", data: String(decoding: data, as: UTF8.self), id: id))
        _ = try? assembler.consume(type: type, data: data)
    }
    fuzzCheck(raw == whole, "the buffer path gives other events: \(raw) vs \(whole)")
    var other = StreamAssembler()
    for event in whole { _ = try? other.consume(event) }
    _ = try? other.finish()
    return 0
}

@main struct Main {
    static func main() { fuzzMain("FuzzSSE", fuzz) }
}
