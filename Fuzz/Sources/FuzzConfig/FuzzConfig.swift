import FuzzSupport

@testable import ChatREPL

// The config file: any bytes parse or throw a ParleyError, never crash.
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ pointer: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let data = pointer
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    do {
        _ = try ConfigFile.parse(bytes, path: "config.json")
    } catch {
        _ = "\(error)"
    }
    return 0
}

@main struct Main {
    static func main() { fuzzMain("FuzzConfig", fuzz) }
}
