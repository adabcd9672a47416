import ChatClient

/// The attachment loader of a run: this run's server, limits, downloads and PDF extractor.
extension RunContext {
    public var attachmentLoader: AttachmentLoader {
        AttachmentLoader(
            settings: settings.attachments,
            server: AttachmentServer(baseURL: settings.server.baseURL, inlineURLs: settings.attachments.inlineURLs),
            pdfText: pdfText, makeTransport: makeTransport, home: home)
    }

    /// Reads what `-a` named, in order, printing the notes; the first refusal ends it. Ctrl-C
    /// stops a download.
    public func loadCommandLineAttachments(interrupts: InterruptController) async -> Result<[Attachment], ParleyError> {
        let loader = attachmentLoader
        let names = flags.attachments
        let stdin = flags.stdinAttachment
        let result = await interrupts.run { () async throws -> [AttachmentBatch] in
            var batches: [AttachmentBatch] = []
            for name in names { batches.append(try await loader.load(name, stdin: stdin)) }
            return batches
        }
        switch result {
        case .success(let batches):
            for note in batches.flatMap(\.notes) { console.notice(note) }
            return .success(batches.flatMap(\.attachments))
        case .failure(let error as AttachmentError):
            return .failure(error.parleyError)
        case .failure:
            return .failure(.interrupted)
        }
    }
}
