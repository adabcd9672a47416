import ChatClient
import Render

/// `parley models`: the server's models, one a line, also kept for Tab completion.
public struct ModelList {
    let context: RunContext

    public init(context: RunContext) {
        self.context = context
    }

    public func run() async -> ExitStatus {
        let console = context.console
        let client = context.makeClient()
        do {
            let models = try await client.listModels()
            await client.shutdown()
            context.modelCache.store(models, for: context.settings.server.baseURL.description)
            if !models.isEmpty { console.out.write(models.map(SafeText.neutralized).joined(separator: "\n") + "\n") }
            return .ok
        } catch let error as ChatClientError {
            await client.shutdown()
            if case .http(404, _, _) = error {
                console.error(ErrorWording.noModelList(url: client.settings.url(client.settings.modelsPath)))
                return .failure
            }
            console.error(ErrorWording.words(for: error, context: context.settings.errorContext))
            return ErrorWording.exitStatus(for: error)
        } catch {
            await client.shutdown()
            return .interrupted
        }
    }
}
