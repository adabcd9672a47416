#if canImport(Glibc)
    import Glibc
#endif

/// Stops the fuzzer with a message: libFuzzer (and ASan) treat the trap as a crash and save the input.
public func fuzzFailure(_ message: String, file: StaticString = #file, line: UInt = #line) -> Never {
    printError("FUZZ FAILURE: \(message)\n")
    fatalError(message, file: file, line: line)
}

public func fuzzCheck(
    _ condition: Bool, _ message: @autoclosure () -> String, file: StaticString = #file, line: UInt = #line
) {
    if !condition { fuzzFailure(message(), file: file, line: line) }
}

/// A printable form of bytes or text for messages.
public func visible(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        switch scalar.value {
        case 0x20..<0x7F: out.unicodeScalars.append(scalar)
        default: out += "\\u{\(String(scalar.value, radix: 16))}"
        }
    }
    return out
}

/// Replays files (and every regular file in directories, recursively) through `entry`: the
/// `main` of a fuzz target built without -DFUZZING. Exits 0 when every input went through.
public func replay(_ name: String, arguments: [String], entry: (UnsafePointer<UInt8>, Int) -> CInt) {
    var files: [String] = []
    func walk(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            printError("\(name): cannot read \(path)\n")
            return
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            guard let dir = opendir(path) else { return }
            var names: [String] = []
            while let entry = readdir(dir) {
                let child = withUnsafePointer(to: entry.pointee.d_name) {
                    $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
                }
                if !child.hasPrefix("."), !child.hasSuffix(".log") { names.append(child) }
            }
            closedir(dir)
            for child in names.sorted() { walk(path + "/" + child) }
        } else {
            files.append(path)
        }
    }
    for argument in arguments where !argument.hasPrefix("-") { walk(argument) }
    for path in files {
        guard let handle = fopen(path, "rb") else { continue }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&buffer, 1, buffer.count, handle)
            if count <= 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        fclose(handle)
        printError("\(name): \(path) (\(bytes.count) bytes)\n")
        bytes.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress {
                _ = entry(base, buffer.count)
            } else {
                var empty: UInt8 = 0
                _ = entry(&empty, 0)
            }
        }
    }
    print("\(name): replayed \(files.count) inputs, no failure")
}

/// Writes a line to standard error.
public func printError(_ text: String) {
    var text = text
    text.withUTF8 { buffer in _ = write(2, buffer.baseAddress, buffer.count) }
}

#if FUZZING
    /// libFuzzer's driver, for a main of our own: SwiftPM links an executable's main as
    /// `<Module>_main`, so libFuzzer's own `main` is never used.
    @_silgen_name("LLVMFuzzerRunDriver")
    private func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt
#endif

/// The main of a fuzz target: built with -DFUZZING it runs libFuzzer (every libFuzzer flag
/// works), otherwise it replays the files and directories it is given.
public func fuzzMain(_ name: String, _ entry: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv, entry))
    #else
        replay(name, arguments: Array(CommandLine.arguments.dropFirst())) { data, size in entry(data, size) }
        exit(0)
    #endif
}
