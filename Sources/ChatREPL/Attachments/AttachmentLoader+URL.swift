import ChatClient

/// URLs: passed to servers that fetch them, else downloaded and attached by their bytes.
extension AttachmentLoader {
    /// An image URL goes as it is to a server that fetches URLs; anything else is downloaded
    /// and attached by its bytes.
    func url(_ url: String) async throws(AttachmentError) -> AttachmentBatch {
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

    /// A URL whose path names a document rather than an image: downloaded, never passed on.
    static func looksLikeDocument(_ url: String) -> Bool {
        let path = url.split(separator: "?").first.map(String.init) ?? url
        let ext = fileName(path).split(separator: ".").last.map { $0.lowercased() } ?? ""
        return ["pdf", "txt", "md", "json", "csv", "html", "htm", "xml", "yaml", "yml"].contains(ext)
    }
}
