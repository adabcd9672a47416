import NIOCore

/// Downloads a file (an image URL for a server that does not fetch URLs) through the same
/// transport as the chat requests, within a size limit, following a few redirects. It sends
/// no key and no header of the API's: the file's host is not the API's.
public struct URLDownloader: Sendable {
    let transport: any HTTPTransport
    let maxRedirects = 5
    /// The most a download may take, start to end (a host that stalls is given up on).
    let deadline: Double

    public init(transport: any HTTPTransport, deadline: Double = 60) {
        self.transport = transport
        self.deadline = deadline
    }

    /// A downloaded file.
    public struct Download: Sendable {
        public var bytes: [UInt8]
        public var contentType: String?
    }

    /// Why a download failed, in words for the line that names the URL.
    public struct Failure: Error, Sendable, Equatable {
        public let reason: String
        /// True when the file was bigger than the limit.
        public let tooLarge: Bool

        init(_ reason: String, tooLarge: Bool = false) {
            self.reason = reason
            self.tooLarge = tooLarge
        }
    }

    /// The body of `url` and its Content-Type, within the deadline. Throws `Failure`, or
    /// `CancellationError`.
    public func fetch(_ url: String, limit: Int) async throws -> Download {
        let deadline = self.deadline
        return try await withThrowingTaskGroup(of: Download.self) { group in
            group.addTask { try await fetchNow(url, limit: limit) }
            group.addTask {
                try await Task.sleep(for: .milliseconds(Int(deadline * 1000)))
                throw Failure("no complete answer within \(Int(deadline)) s")
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw CancellationError() }
            return first
        }
    }

    private func fetchNow(_ url: String, limit: Int) async throws -> Download {
        var current = url
        for _ in 0...maxRedirects {
            let response: HTTPResponse
            do {
                response = try await transport.send(
                    HTTPRequestSpec(method: .get, url: current, headers: [("User-Agent", "parley"), ("Accept", "*/*")]))
            } catch let error as ChatClientError {
                throw Failure(Self.describe(error))
            }
            let status = response.head.status
            if [301, 302, 303, 307, 308].contains(status), let location = response.head.header("location") {
                current = try Self.resolve(location, against: current)
                continue
            }
            guard (200..<300).contains(status) else { throw Failure("the download failed (HTTP \(status))") }
            if let length = response.head.header("content-length").flatMap({ Int($0) }), length > limit {
                throw Failure("it is \(length) bytes, over the limit of \(limit)", tooLarge: true)
            }
            var bytes: [UInt8] = []
            for try await buffer in response.body {
                bytes.append(contentsOf: buffer.readableBytesView)
                if bytes.count > limit { throw Failure("it is over the limit of \(limit) bytes", tooLarge: true) }
            }
            return Download(bytes: bytes, contentType: response.head.header("content-type"))
        }
        throw Failure("more than \(maxRedirects) redirects")
    }

    /// A redirect's Location, made absolute.
    static func resolve(_ location: String, against url: String) throws -> String {
        let lower = location.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") { return location }
        guard location.hasPrefix("/"), let schemeEnd = url.firstRange(of: "://") else {
            throw Failure("a redirect to \"\(location)\" that Parley cannot follow")
        }
        let authority = url[schemeEnd.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return String(url[..<schemeEnd.upperBound]) + authority + location
    }

    private static func describe(_ error: ChatClientError) -> String {
        switch error {
        case .connection(let failure, let host):
            switch failure {
            case .refused: "cannot connect to \(host): connection refused"
            case .hostNotFound: "cannot find the host \(host)"
            case .unreachable: "cannot reach \(host)"
            case .tls(let detail): "secure connection to \(host) failed: \(detail)"
            case .reset: "the connection to \(host) was closed"
            case .proxy(let detail): "the proxy would not connect to \(host): \(detail)"
            case .other(let detail): "network error talking to \(host): \(detail)"
            }
        case .timeout(let kind, _): "the download timed out (\(kind.rawValue))"
        default: "the download failed"
        }
    }
}
