import ChatClient

/// Reads an HTTP/1.1 response as its bytes arrive (RFC 9112): the head, then the body framed
/// by `Transfer-Encoding: chunked`, by `Content-Length`, or by the end of the connection.
/// Knows nothing of sockets, so every framing and every malformed answer can be tested with
/// bytes alone.
struct ResponseParser {
    /// What the bytes fed so far make of the response.
    enum Event {
        case head(HTTPResponseHead)
        /// Body bytes: a part of the buffer given to `feed`, valid during the callback only.
        case body(UnsafeRawBufferPointer)
        case end
    }

    /// Why an answer cannot be read as HTTP, in words for the user.
    struct Malformed: Error, Equatable {
        var reason: String
    }

    /// A head longer than this is not an answer to a chat request.
    static let headLimit = 64 << 10
    /// A chunk-size line or a trailer line longer than this is not HTTP.
    static let lineLimit = 8 << 10

    private enum State {
        case head
        case chunkSize
        case chunkData(remaining: Int)
        /// The CRLF after a chunk's data.
        case chunkDataEnd
        case trailers
        case fixed(remaining: Int)
        case untilClose
        case done
    }

    private var state = State.head
    /// The unfinished line or head, across reads.
    private var pending: [UInt8] = []
    /// The request was a HEAD: no body follows the head, whatever it says.
    let noBody: Bool

    init(requestHasNoResponseBody noBody: Bool = false) {
        self.noBody = noBody
    }

    /// True once the whole response has been read.
    var isComplete: Bool {
        if case .done = state { return true }
        return false
    }

    /// True once a head has been delivered.
    var hasHead: Bool {
        if case .head = state { return false }
        return true
    }

    /// Takes the next bytes the connection gave; `emit` sees each event in order.
    mutating func feed(_ bytes: UnsafeRawBufferPointer, emit: (Event) throws -> Void) throws {
        var index = 0
        while index < bytes.count {
            switch state {
            case .head:
                index = try readHead(bytes, from: index, emit: emit)
            case .chunkSize:
                guard let line = try line(bytes, from: &index) else { return }
                let size = try Self.chunkSize(line)
                state = size == 0 ? .trailers : .chunkData(remaining: size)
            case .chunkData(let remaining):
                let count = min(remaining, bytes.count - index)
                try emit(.body(UnsafeRawBufferPointer(rebasing: bytes[index..<index + count])))
                index += count
                state = remaining == count ? .chunkDataEnd : .chunkData(remaining: remaining - count)
            case .chunkDataEnd:
                guard let line = try line(bytes, from: &index) else { return }
                guard line.isEmpty else { throw Malformed(reason: "a chunk of the body is longer than its size says") }
                state = .chunkSize
            case .trailers:
                guard let line = try line(bytes, from: &index) else { return }
                if line.isEmpty {
                    state = .done
                    try emit(.end)
                }
            case .fixed(let remaining):
                let count = min(remaining, bytes.count - index)
                try emit(.body(UnsafeRawBufferPointer(rebasing: bytes[index..<index + count])))
                index += count
                state = .fixed(remaining: remaining - count)
                if remaining == count {
                    state = .done
                    try emit(.end)
                }
            case .untilClose:
                try emit(.body(UnsafeRawBufferPointer(rebasing: bytes[index...])))
                index = bytes.count
            case .done:
                // Bytes after the end: the request said `Connection: close`, so nothing more is read.
                return
            }
        }
    }

    /// The connection ended: the end of a body framed by it, or an answer cut short
    /// (`CutShort`).
    mutating func finish(emit: (Event) throws -> Void) throws {
        switch state {
        case .untilClose:
            state = .done
            try emit(.end)
        case .done:
            return
        case .head:
            throw pending.isEmpty ? CutShort.beforeHead : CutShort.inHead
        default:
            throw CutShort.inBody
        }
    }

    /// Where the connection ended too early.
    enum CutShort: Error {
        case beforeHead, inHead, inBody
    }

    // MARK: - The head

    private mutating func readHead(
        _ bytes: UnsafeRawBufferPointer, from start: Int, emit: (Event) throws -> Void
    ) throws -> Int {
        let before = pending.count
        // The first bytes say whether this is HTTP at all: a TLS server or another protocol is
        // named at once, not after 64 KB.
        pending.append(contentsOf: bytes[start...])
        if !Self.startsLikeHTTP(pending) {
            throw Malformed(reason: "not HTTP")
        }
        guard let end = Self.endOfHead(pending, searchFrom: max(0, before - 3)) else {
            if pending.count > Self.headLimit {
                throw Malformed(reason: "its head is longer than \(Self.headLimit >> 10) KB")
            }
            return bytes.count
        }
        let used = end.after - before
        let head = try Self.parseHead(pending[..<end.head])
        pending.removeAll(keepingCapacity: true)
        if (100..<200).contains(head.status) && head.status != 101 {
            // An interim answer (100 Continue, 103 Early Hints): the real one follows.
            state = .head
            return start + used
        }
        state = try framing(of: head)
        try emit(.head(head))
        if case .done = state { try emit(.end) }
        return start + used
    }

    /// The body's framing, from the head (RFC 9112 §6.3).
    private func framing(of head: HTTPResponseHead) throws -> State {
        if noBody || head.status == 204 || head.status == 304 { return .done }
        if let encoding = head.header("transfer-encoding") {
            let last = encoding.split(separator: ",").last.map { String($0).strippedOfWhitespace.lowercased() }
            return last == "chunked" ? .chunkSize : .untilClose
        }
        let lengths = head.headers.filter { $0.name.equalsIgnoringCase("content-length") }.map(\.value)
        guard let first = lengths.first else { return .untilClose }
        // `Content-Length: 5, 5` and repeated equal headers are allowed; anything else is not,
        // an empty value (`Content-Length:`, `5,,5`) neither.
        let values = lengths.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }.map {
            String($0).strippedOfWhitespace
        }
        guard let value = values.first, let length = Int(value), length >= 0, values.allSatisfy({ $0 == value }),
            value.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else {
            throw Malformed(reason: "its Content-Length \"\(first.prefix(40))\" is not a number of bytes")
        }
        return length == 0 ? .done : .fixed(remaining: length)
    }

    static func startsLikeHTTP(_ bytes: [UInt8]) -> Bool {
        let prefix: [UInt8] = Array("HTTP/".utf8)
        return zip(bytes, prefix).allSatisfy { $0 == $1 }
    }

    /// Where the blank line that ends the head is: the head's end and the first byte after it.
    /// Lines end in CRLF, or in a bare LF from lenient servers.
    static func endOfHead(_ bytes: [UInt8], searchFrom start: Int) -> (head: Int, after: Int)? {
        var index = start
        while index < bytes.count {
            guard let lf = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            // The line ending here is empty when the byte before the LF is another LF (perhaps
            // with a CR between).
            var before = lf - 1
            if before >= 0, bytes[before] == UInt8(ascii: "\r") { before -= 1 }
            if before >= 0, bytes[before] == UInt8(ascii: "\n") { return (before + 1, lf + 1) }
            index = lf + 1
        }
        return nil
    }

    /// The status line and the header lines.
    static func parseHead(_ bytes: ArraySlice<UInt8>) throws -> HTTPResponseHead {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            line.last == UInt8(ascii: "\r") ? line.dropLast() : line
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let statusLine = lines.first else { throw Malformed(reason: "not HTTP") }
        // `HTTP/1.1 200 OK`: the version, a space, three digits, and an optional reason.
        let parts = statusLine.split(separator: UInt8(ascii: " "), maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].starts(with: Array("HTTP/1.".utf8)), parts[1].count == 3,
            parts[1].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let status = Int(String(decoding: parts[1], as: UTF8.self)), status >= 100
        else { throw Malformed(reason: "not HTTP") }
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex else {
                throw Malformed(reason: "a header line has no name")
            }
            let name = line[..<colon]
            guard name.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
                throw Malformed(reason: "a header name holds a space or a control character")
            }
            let value = line[(colon + 1)...].drop { $0 == 0x20 || $0 == 0x09 }
            var end = value.endIndex
            while end > value.startIndex, value[end - 1] == 0x20 || value[end - 1] == 0x09 { end -= 1 }
            headers.append(
                (name: String(decoding: name, as: UTF8.self), value: String(decoding: value[..<end], as: UTF8.self)))
        }
        return HTTPResponseHead(status: status, headers: headers)
    }

    // MARK: - Chunked bodies

    /// The next whole line (without its CRLF or LF), or nil when it has not all arrived.
    private mutating func line(_ bytes: UnsafeRawBufferPointer, from index: inout Int) throws -> ArraySlice<UInt8>? {
        guard let lf = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) else {
            pending.append(contentsOf: bytes[index...])
            index = bytes.count
            if pending.count > Self.lineLimit { throw Malformed(reason: "a line of its chunked body is too long") }
            return nil
        }
        pending.append(contentsOf: bytes[index..<lf])
        index = lf + 1
        var line = pending[...]
        if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
        defer { pending.removeAll(keepingCapacity: true) }
        return ArraySlice(line)
    }

    /// A chunk-size line: hex digits, then perhaps `;extensions`.
    static func chunkSize(_ line: ArraySlice<UInt8>) throws -> Int {
        let digits = line.prefix { $0 != UInt8(ascii: ";") }.filter { $0 != 0x20 && $0 != 0x09 }
        guard !digits.isEmpty, digits.count <= 15 else {
            throw Malformed(reason: "a chunk size of its body is not a hexadecimal number")
        }
        var size = 0
        for digit in digits {
            guard let value = Self.hexValue(digit) else {
                throw Malformed(reason: "a chunk size of its body is not a hexadecimal number")
            }
            size = size << 4 | value
        }
        return size
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
