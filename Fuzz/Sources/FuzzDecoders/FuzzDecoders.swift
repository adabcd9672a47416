import FuzzSupport

@testable import ChatClient

// The reply, error and usage decoders: any bytes, no crash. JSONReader and JSONWriter against
// JSONDecoder and JSONEncoder.
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ pointer: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let data = pointer
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? CompletionDecoder.reply(from: bytes)
    _ = ServerErrorDetail.parse(bytes)
    _ = ServerErrorDetail.excerpt(of: bytes)
    _ = try? JSONDecoder().decode(Usage.self, from: Data(bytes))
    let decoded = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes))
    if let json = decoded {
        _ = ServerErrorDetail.from(json: json)
    }
    // JSONReader accepts only what JSONDecoder reads, and reads it the same; what it writes is
    // what JSONEncoder writes.
    if let read = try? JSONReader.parse(bytes) {
        fuzzCheck(read == decoded, "JSONReader reads \(read), JSONDecoder \(String(describing: decoded))")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        fuzzCheck(
            (try? JSONWriter.compact(read)) == (try? encoder.encode(read)).map { Array($0) },
            "JSONWriter and JSONEncoder write \(read) otherwise")
    }
    return 0
}

@main struct Main {
    static func main() { fuzzMain("FuzzDecoders", fuzz) }
}
