/// The report inside a Markdown code block, as the chat services that read Markdown (Slack,
/// Mattermost, Discord) show it in a fixed-width font.
enum CodeFence {
    static func wrap(_ text: String) -> String { "```\n" + text + "\n```" }
}
