import Transport

/// One SMTP conversation over a stream, step by step: greeting, EHLO, STARTTLS (whenever the
/// server offers it; the stream is upgraded by `upgrade`), EHLO again, AUTH PLAIN or LOGIN,
/// then MAIL FROM, RCPT TO for every recipient, DATA, the dot-stuffed message, and QUIT. The
/// socket and TLS live outside (`upgrade`), so every step can be driven by a scripted stream.
/// https://www.rfc-editor.org/rfc/rfc5321 , https://www.rfc-editor.org/rfc/rfc3207 ,
/// https://www.rfc-editor.org/rfc/rfc4954
package final class SMTPConversation {
    /// What the server said it can do in its EHLO reply.
    package struct Capabilities: Sendable, Equatable {
        package var startTLS = false
        package var eightBitMIME = false
        /// AUTH mechanisms, upper case.
        package var auth: [String] = []

        package init(ehlo reply: SMTPReply) {
            for line in reply.lines.dropFirst() {
                let words = line.uppercased().split(whereSeparator: { $0 == " " || $0 == "=" }).map(String.init)
                switch words.first {
                case "STARTTLS": startTLS = true
                case "8BITMIME": eightBitMIME = true
                case "AUTH": auth += words.dropFirst().filter { !auth.contains($0) }
                default: break
                }
            }
        }

        package init() {}
    }

    private var stream: ByteStream
    private var reader = SMTPReplyReader()
    /// The server's host, for the loopback rule.
    let host: String
    /// The name this client gives in EHLO.
    let clientName: String
    private let upgrade: (ByteStream) throws(SMTPError) -> ByteStream
    package private(set) var isTLS: Bool
    package private(set) var capabilities = Capabilities()
    /// Credentials' forms that must never appear in a kept server text.
    private var secrets: [String] = []

    /// `stream` is connected (and, for implicit TLS, already encrypted: `isTLS`).
    package init(stream: ByteStream, host: String, clientName: String, isTLS: Bool,
                 upgrade: @escaping (ByteStream) throws(SMTPError) -> ByteStream) {
        self.stream = stream
        self.host = host
        self.clientName = clientName
        self.isTLS = isTLS
        self.upgrade = upgrade
    }

    /// Greeting, EHLO, STARTTLS when offered (and, with `requireTLS`, refused without it), and
    /// the login when `user` is given.
    package func open(user: String?, password: Secret?, requireTLS: Bool = false) throws(SMTPError) {
        if let password, !password.isEmpty {
            let plain = Base64.encode([0] + Array((user ?? "").utf8) + [0] + password.utf8Bytes)
            secrets = [password.reveal(), plain, Base64.encode(password.utf8Bytes)]
        }
        try expect(try reply(.greeting), 220, .greeting)
        try ehlo()
        if !isTLS && capabilities.startTLS {
            try command("STARTTLS", step: .startTLS, expecting: 220)
            // Anything already received would be read as the server's words after the
            // handshake: a man in the middle's injection (the STARTTLS command-injection flaw).
            guard !reader.hasUnreadBytes else { throw .injectedBeforeTLS }
            stream = try upgrade(stream)
            isTLS = true
            try ehlo()
        }
        if requireTLS && !isTLS { throw .startTLSRequired }
        if let user, let password { try login(user: user, password: password) }
    }

    /// Sends one message to every recipient in one transaction.
    package func send(_ message: MailMessage) throws(SMTPError) {
        let eightBit = capabilities.eightBitMIME
        let body = message.needsEightBit(eightBitAllowed: eightBit) ? " BODY=8BITMIME" : ""
        try command("MAIL FROM:<\(message.from.text)>\(body)", step: .sender, expecting: 250)
        for recipient in message.to {
            try command("RCPT TO:<\(recipient.text)>", step: .recipient, expecting: 250, 251)
        }
        try command("DATA", step: .data, expecting: 354)
        try write(MailMessage.dotStuffed(message.rendered(eightBitAllowed: eightBit)), step: .message)
        try expect(try reply(.message), 250, .message)
    }

    /// Says goodbye; its answer changes nothing (the message is already taken).
    package func quit() {
        _ = try? command("QUIT", step: .quit, expecting: 221)
    }

    package func close() { stream.close() }

    private func ehlo() throws(SMTPError) {
        capabilities = Capabilities(ehlo: try command("EHLO \(clientName)", step: .ehlo, expecting: 250))
    }

    private func login(user: String, password: Secret) throws(SMTPError) {
        guard isTLS || Endpoint.isLoopback(host: host) else { throw .tlsRequiredForLogin }
        if capabilities.auth.contains("PLAIN") {
            let blob = Base64.encode([0] + Array(user.utf8) + [0] + password.utf8Bytes)
            try command("AUTH PLAIN " + blob, step: .login, expecting: 235)
        } else if capabilities.auth.contains("LOGIN") {
            try command("AUTH LOGIN", step: .login, expecting: 334)
            try command(Base64.encode(Array(user.utf8)), step: .login, expecting: 334)
            try command(Base64.encode(password.utf8Bytes), step: .login, expecting: 235)
        } else {
            throw .noUsableLogin(offered: capabilities.auth)
        }
    }

    @discardableResult
    private func command(_ line: String, step: SMTPError.Step, expecting codes: Int...) throws(SMTPError) -> SMTPReply {
        try write(Array((line + "\r\n").utf8), step: step)
        let answer = try reply(step)
        guard codes.contains(answer.code) else { throw rejection(answer, step) }
        return answer
    }

    private func expect(_ answer: SMTPReply, _ code: Int, _ step: SMTPError.Step) throws(SMTPError) {
        guard answer.code == code else { throw rejection(answer, step) }
    }

    private func reply(_ step: SMTPError.Step) throws(SMTPError) -> SMTPReply {
        try reader.read(from: stream, step: step)
    }

    private func write(_ bytes: [UInt8], step: SMTPError.Step) throws(SMTPError) {
        do { try stream.write(bytes) } catch {
            // A message not written whole cannot have been taken.
            throw .lost(error, step: step == .message ? .data : step)
        }
    }

    /// The server's refusal, its words cleaned of any form of the login (a server may echo
    /// what it was sent) and cut to 300 characters.
    private func rejection(_ answer: SMTPReply, _ step: SMTPError.Step) -> SMTPError {
        guard answer.code >= 400 else {
            return .malformedReply(.unexpectedCode(answer.code), step: step)
        }
        var text = Array(answer.text.utf8)
        for secret in secrets where !secret.isEmpty { text = SMTPConversation.redacting(Array(secret.utf8), in: text) }
        return .rejected(code: answer.code, text: String(String(decoding: text, as: UTF8.self).prefix(300)), step: step)
    }

    /// `text` with every occurrence of `secret` replaced by "<redacted>".
    static func redacting(_ secret: [UInt8], in text: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var index = 0
        while index < text.count {
            if text.count - index >= secret.count, text[index..<(index + secret.count)].elementsEqual(secret) {
                output += Array("<redacted>".utf8)
                index += secret.count
            } else {
                output.append(text[index])
                index += 1
            }
        }
        return output
    }
}
