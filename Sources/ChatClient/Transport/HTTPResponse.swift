import NIOCore

/// A response: its head now, its body as it arrives.
public struct HTTPResponse: Sendable {
    public var head: HTTPResponseHead
    public var body: ResponseBody

    public init(head: HTTPResponseHead, body: ResponseBody) {
        self.head = head
        self.body = body
    }
}
