import ChatClient

/// One line of advice for a server's refusal of an attachment: llama.cpp without its vision
/// projector ("mmproj"), Ollama refusing an image URL, a part type the server does not know,
/// a model that cannot see images.
enum AttachmentHints {
    static func advice(status: Int, detail: ServerErrorDetail) -> String? {
        let message = detail.message.lowercased()
        if message.contains("mmproj") || message.contains("image input is not supported") {
            return "this llama.cpp model cannot see images: start llama-server with --mmproj (the model's projector), "
                + "or /detach the image"
        }
        if message.contains("image urls are not") || message.contains("image url is not")
            || (message.contains("url") && message.contains("base64") && message.contains("image"))
        {
            return "this server does not fetch image URLs: set \"attachments\": {\"inline_urls\": true} in the config "
                + "and Parley downloads them, or attach a saved copy"
        }
        if message.contains("image"),
            message.contains("not support") || message.contains("only supported by") || message.contains("vision")
        {
            return "the model cannot see images: choose a vision model (--model or /model), or /detach the image"
        }
        if message.contains("content[].type") || message.contains("unknown part type")
            || message.contains("unsupported content") || message.contains("invalid content type")
            || (message.contains("'file'") && message.contains("supported values"))
        {
            return "the server does not take this kind of attachment (an image or a PDF part): attach text instead, "
                + "or use a server or model that takes it"
        }
        return nil
    }
}
