import FuzzSupport

@testable import ChatClient

// The reply, error and usage decoders: any bytes, no crash.
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
    if let json = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes)) {
        _ = ServerErrorDetail.from(json: json)
    }
    return 0
}

@main struct Main {
    static func main() { fuzzMain("FuzzDecoders", fuzz) }
}
