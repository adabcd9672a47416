import ChatClient

/// URLs: passed to servers that fetch them, else downloaded and attached by their bytes.
extension AttachmentLoader {
    /// An image URL goes as it is to a server that fetches URLs; anything else is downloaded
    /// and attached by its bytes.
    func url(_ url: String) async throws(AttachmentError) -> AttachmentBatch {
        // A URL no server could fetch (no host, spaces, a broken [IPv6]) is refused here,
        // not passed on for the server to fail on.
        guard Self.hasHost(url) else {
            throw AttachmentError(
                url, "not a valid URL", advice: "write it as http(s)://HOST/PATH, quoted, with spaces as %20")
        }
        if server.fetchesImageURLs, !Self.looksLikeDocument(url) {
            return AttachmentBatch(
                attachments: [
                    Attachment(
                        name: url, part: ContentPart.image(url: url, detail: settings.imageDetail?.rawValue),
                        summary: "image URL, sent as it is (the server fetches it)")
                ])
        }
        guard let makeTransport else {
            throw AttachmentError(url, "Parley cannot download it here", advice: "download it and attach the file")
        }
        let transport = makeTransport()
        let result: Result<[UInt8], any Error>
        do {
            result = .success(
                try await URLDownloader(transport: transport).fetch(url, limit: settings.maxFileBytes).bytes)
        } catch {
            result = .failure(error)
        }
        await transport.shutdown()
        switch result {
        case .success(let bytes):
            return try batch(bytes: bytes, name: url, fileName: Self.fileName(url))
        case .failure(let failure as URLDownloader.Failure):
            if failure.tooLarge {
                throw AttachmentError(
                    url, "it is over the \(Attachment.size(settings.maxFileBytes)) limit for one attachment",
                    advice: "raise \"attachments\": {\"max_file_mb\": …} in the config to send bigger files")
            }
            throw AttachmentError(url, failure.reason)
        case .failure(let error):
            if error is CancellationError { throw AttachmentError(url, "the download was interrupted") }
            throw AttachmentError(url, "the download failed: \(error)")
        }
    }

    /// Whether an http(s) URL names a host (a bracketed IPv6 address closed), with no
    /// spaces or control characters anywhere.
    static func hasHost(_ url: String) -> Bool {
        guard !url.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } == true }),
            let colon = url.firstIndex(of: ":"), url[colon...].hasPrefix("://")
        else { return false }
        let rest = url[url.index(colon, offsetBy: 3)...]
        let authority = rest.prefix { !"/?#".contains($0) }
        let hostAndPort = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? ""
        if hostAndPort.hasPrefix("[") {
            guard let close = hostAndPort.firstIndex(of: "]") else { return false }
            return hostAndPort.distance(from: hostAndPort.startIndex, to: close) > 1
        }
        return !(hostAndPort.split(separator: ":", omittingEmptySubsequences: false).first ?? "").isEmpty
    }

    /// A URL whose path names a document rather than an image: downloaded, never passed on.
    static func looksLikeDocument(_ url: String) -> Bool {
        let path = url.split(separator: "?").first.map(String.init) ?? url
        let ext = fileName(path).split(separator: ".").last.map { $0.lowercased() } ?? ""
        return ["pdf", "txt", "md", "json", "csv", "html", "htm", "xml", "yaml", "yml"].contains(ext)
    }
}
