#if canImport(Glibc)
    import Glibc
#endif

/// An incremental parser for `text/event-stream` bodies, following the WHATWG rules: bytes are
/// buffered until a line ends, so a UTF-8 character or a CRLF split between two network reads
/// survives; lines end in LF, CRLF or a lone CR; lines have no length limit.
public struct SSEParser: Sendable {
    private var line: [UInt8] = []
    private var data: [UInt8] = []
    private var hasData = false
    private var eventType: String?
    private var lastEventID: String?
    private var skipLF = false
    private var atStreamStart = true
    /// The `retry:` reconnection time in milliseconds, if the server sent one.
    public private(set) var reconnectionTime: Int?

    public init() {}

    /// Feeds the next bytes of the body and returns the events they complete.
    public mutating func feed<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> [SSEEvent] {
        var events: [SSEEvent] = []
        let collect: (String?, UnsafeBufferPointer<UInt8>, String?) -> Void = { type, data, id in
            events.append(SSEEvent(type: type ?? "message", data: String(decoding: data, as: UTF8.self), id: id))
        }
        let done: Void? = bytes.withContiguousStorageIfAvailable { feed(buffer: $0, onEvent: collect) }
        if done == nil {
            let copy = Array(bytes)
            copy.withUnsafeBufferPointer { feed(buffer: $0, onEvent: collect) }
        }
        return events
    }

    /// Feeds the next bytes and hands each completed event to `onEvent` as its type (nil for
    /// `message`), its data bytes (valid only during the call) and the last event id: the
    /// streaming path reads events without making a string of each.
    public mutating func feed(
        buffer: UnsafeBufferPointer<UInt8>,
        onEvent: (_ type: String?, _ data: UnsafeBufferPointer<UInt8>, _ id: String?) throws -> Void
    ) rethrows {
        var index = 0
        let count = buffer.count
        while index < count {
            if skipLF {
                skipLF = false
                if buffer[index] == Self.lf {
                    index += 1
                    continue
                }
            }
            let end = Self.lineEnd(in: buffer, from: index)
            if end == count {
                // The line goes on in the next read: keep its start.
                line.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[index..<end]))
                break
            }
            skipLF = buffer[end] == Self.cr
            if line.isEmpty {
                try processLine(UnsafeBufferPointer(rebasing: buffer[index..<end]), onEvent: onEvent)
            } else {
                line.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[index..<end]))
                let whole = line
                try whole.withUnsafeBufferPointer { try processLine($0, onEvent: onEvent) }
                line.removeAll(keepingCapacity: true)
            }
            index = end + 1
        }
    }

    /// The body ended: an event without its terminating blank line is discarded, as the
    /// standard says.
    public mutating func finish() {
        line.removeAll()
        data.removeAll()
        hasData = false
        eventType = nil
    }

    /// The index of the first CR or LF at or after `start`, or `buffer.count`; memchr finds
    /// the LF, and only the stretch before it is searched for a CR.
    private static func lineEnd(in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = buffer.baseAddress, start < buffer.count else { return buffer.count }
        let remaining = buffer.count - start
        let origin = UnsafeRawPointer(base)
        let lf = memchr(base + start, Int32(lf), remaining).map { UnsafeRawPointer($0) - origin }
        let stretch = (lf ?? buffer.count) - start
        if let cr = memchr(base + start, Int32(cr), stretch) {
            return UnsafeRawPointer(cr) - origin
        }
        return lf ?? buffer.count
    }

    private mutating func processLine(
        _ whole: UnsafeBufferPointer<UInt8>,
        onEvent: (String?, UnsafeBufferPointer<UInt8>, String?) throws -> Void
    ) rethrows {
        var line = Slice(base: whole, bounds: whole.startIndex..<whole.endIndex)
        if atStreamStart {
            atStreamStart = false
            if line.starts(with: Self.bom) { line = line.dropFirst(Self.bom.count) }
        }
        guard let first = line.first else {
            try dispatch(onEvent)
            return
        }
        if first == Self.colon { return }  // a comment or keep-alive
        let nameEnd = line.firstIndex(of: Self.colon) ?? line.endIndex
        var valueStart = nameEnd == line.endIndex ? nameEnd : nameEnd + 1
        if valueStart < line.endIndex, line[valueStart] == Self.space { valueStart += 1 }
        let name = UnsafeBufferPointer(rebasing: line[..<nameEnd])
        let value = line[valueStart...]
        if Self.spells(name, "data") {
            if hasData { data.append(Self.lf) }
            data.append(contentsOf: UnsafeBufferPointer(rebasing: value))
            hasData = true
        } else if Self.spells(name, "event") {
            eventType = String(decoding: value, as: UTF8.self)
        } else if Self.spells(name, "id") {
            if !value.contains(0) { lastEventID = String(decoding: value, as: UTF8.self) }
        } else if Self.spells(name, "retry") {
            if !value.isEmpty, value.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                reconnectionTime = Int(String(decoding: value, as: UTF8.self))
            }
        }
        // Any other field is ignored, as the standard says.
    }

    private mutating func dispatch(
        _ onEvent: (String?, UnsafeBufferPointer<UInt8>, String?) throws -> Void
    ) rethrows {
        defer {
            data.removeAll(keepingCapacity: true)
            hasData = false
            eventType = nil
        }
        // An event with no data lines is not dispatched (a `retry:`-only block, say).
        guard hasData else { return }
        let type = eventType.flatMap { $0.isEmpty || $0 == "message" ? nil : $0 }
        try data.withUnsafeBufferPointer { try onEvent(type, $0, lastEventID) }
    }

    private static let lf: UInt8 = 0x0A
    private static let cr: UInt8 = 0x0D
    private static let colon: UInt8 = 0x3A
    private static let space: UInt8 = 0x20
    private static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Whether a field name is `word`: compared in place, as this runs for every line of a
    /// stream (a static array of the name costs a retain and a release each time).
    private static func spells(_ name: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        guard name.count == word.utf8CodeUnitCount, let base = name.baseAddress else { return false }
        return memcmp(base, word.utf8Start, name.count) == 0
    }
}
