extension MySQLError {
    /// Which rule of the protocol a packet from the server breaks. Numbers are offsets and
    /// lengths within the packet; no case carries more of the packet than its description shows.
    public enum Malformation: Equatable, Sendable, CustomStringConvertible {
        /// `packet` ends `needs` bytes short: it ends at byte `of`, the read started at `at`.
        case truncated(Packet, needs: UInt64, at: Int, of: Int)
        /// An integer of this many bytes (not 0...8) was asked of `packet`.
        case integerWidth(Packet, Int)
        /// 0xFF where `packet` has a length-encoded integer.
        case notLengthEncoded(Packet)
        /// The NULL marker (0xFB) where `packet` has a length-encoded integer that cannot be NULL.
        case unexpectedNull(Packet)
        /// A string in `packet`, starting at byte `at`, without its NUL terminator.
        case unterminatedString(Packet, at: Int)
        /// The first byte of `packet` is not `expected`.
        case header(Packet, expected: UInt8)
        /// An OK packet whose first byte is neither 0x00 nor 0xFE.
        case okHeader(UInt8)
        /// A column definition whose catalog is not "def".
        case catalog(String)
        /// A column definition whose fixed-length fields are not 10 bytes or more of what is left.
        case fixedFieldsLength(UInt64)
        /// A row with 0xFF, which is no length, at byte `at`.
        case rowLength(at: Int)
        /// A row with `bytes` left over after its `columns` values.
        case rowLeftover(bytes: Int, columns: Int)
        /// A row ending at byte `at` of `of` before all its `values`.
        case rowEnds(at: Int, of: Int, values: Int)
        /// A column-count packet with `extra` bytes after the count.
        case columnCountLeftover(extra: Int)
        /// A column count outside 1...`limit`.
        case columnCount(UInt64, limit: Int)
        /// No EOF packet after the `columns` column definitions of a result set.
        case noEOFAfterColumns(Int)
        /// A packet after the last one of a result.
        case packetAfterResult
        /// An empty packet where a result (OK, ERR, column count) was expected.
        case emptyResultPacket
        /// Bytes from the server before the TLS handshake it agreed to.
        case dataBeforeTLS
        /// An auth switch request without the name of the plugin to switch to.
        case authSwitchWithoutPlugin
        /// An empty packet during authentication.
        case emptyAuthPacket
        /// A packet with this first byte during authentication (not OK, ERR, switch or more data).
        case unexpectedAuthPacket(UInt8)
        /// More switches of authentication plugin than a login takes.
        case tooManyAuthSwitches
        /// Auth-more-data for a plugin (named) that expects none.
        case unexpectedAuthMoreData(plugin: String)
        /// A caching_sha2_password status of this many bytes instead of one.
        case cachingSHA2StatusLength(Int)
        /// A caching_sha2_password status byte other than fast-auth success or full auth.
        case cachingSHA2Status(UInt8)
        /// The public key the server sent is not PEM.
        case publicKeyNotPEM
        /// The PEM public key the server sent is not an RSA key OpenSSL can read.
        case publicKeyNotRSA
        /// An empty nonce where the password is to be encrypted with it.
        case emptyNonce

        public var description: String {
            switch self {
            case let .truncated(packet, needs, offset, end): return "\(packet): needs \(needs) more byte(s) at byte \(offset) of \(end)"
            case let .integerWidth(packet, width): return "\(packet): integer of \(width) bytes"
            case let .notLengthEncoded(packet): return "\(packet): 0xFF is not a length-encoded integer"
            case let .unexpectedNull(packet): return "\(packet): unexpected NULL marker"
            case let .unterminatedString(packet, offset): return "\(packet): string without NUL terminator at byte \(offset)"
            case let .header(packet, expected): return "\(packet): header is not 0x\(String(expected, radix: 16, uppercase: true))"
            case let .okHeader(header): return "OK packet: header 0x\(String(header, radix: 16))"
            case let .catalog(catalog): return "column definition: catalog \"\(catalog)\" is not \"def\""
            case let .fixedFieldsLength(length): return "column definition: fixed-length fields of \(length) bytes"
            case let .rowLength(offset): return "row: 0xFF is not a length at byte \(offset)"
            case let .rowLeftover(bytes, columns): return "row: \(bytes) byte(s) left after \(columns) column(s)"
            case let .rowEnds(offset, end, values): return "row: ends at byte \(offset) of \(end) before its \(values) value(s)"
            case let .columnCountLeftover(extra): return "column count: \(extra) extra byte(s)"
            case let .columnCount(count, limit): return "column count \(count) is outside 1...\(limit)"
            case let .noEOFAfterColumns(columns): return "result set: expected EOF after \(columns) column definition(s)"
            case .packetAfterResult: return "the server sent a packet after the result was complete"
            case .emptyResultPacket: return "empty packet where a result was expected"
            case .dataBeforeTLS: return "the server sent data before the TLS handshake"
            case .authSwitchWithoutPlugin: return "auth switch request without a plugin name"
            case .emptyAuthPacket: return "empty packet during authentication"
            case let .unexpectedAuthPacket(first): return "unexpected packet 0x\(String(first, radix: 16)) during authentication"
            case .tooManyAuthSwitches: return "the server switched authentication plugins too often"
            case let .unexpectedAuthMoreData(plugin): return "unexpected auth-more-data for \(plugin)"
            case let .cachingSHA2StatusLength(count): return "caching_sha2_password: unexpected \(count)-byte status"
            case let .cachingSHA2Status(status): return "caching_sha2_password: unknown status 0x\(String(status, radix: 16))"
            case .publicKeyNotPEM: return "the server's public key is not a PEM key"
            case .publicKeyNotRSA: return "the server's public key cannot be read as an RSA key"
            case .emptyNonce: return "empty nonce for RSA password encryption"
            }
        }

        /// The packet a `ByteReader` reads, named in what it finds wrong.
        public enum Packet: String, Sendable, CustomStringConvertible {
            case greeting = "server greeting"
            case okPacket = "OK packet"
            case errPacket = "ERR packet"
            case eofPacket = "EOF packet"
            case authSwitchRequest = "auth switch request"
            case columnCount = "column count"
            case columnDefinition = "column definition"
            case row

            public var description: String { rawValue }
        }
    }
}
