import Foundation
import Testing
import TestSupport
import Transport
@testable import Notify

@Suite("HTTP responses in any pieces")
struct HTTPResponseReaderTests {
    static let body = #"{"id":42,"msg":"","result":"success"}"#
    /// A chunked answer with a chunk extension and a trailer, as servers and proxies send them.
    static let chunked = Array(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "10;ext=1\r\n" + String(body.prefix(16)) + "\r\n" + String(String(body.count - 16, radix: 16)) + "\r\n"
        + String(body.dropFirst(16)) + "\r\n0\r\nX-Trailer: done\r\n\r\n").utf8)
    static let withLength = Array(("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: \(body.count)\r\n\r\n" + body).utf8)

    static func read(_ pieces: [[UInt8]]) throws -> HTTPResponse {
        var reader = HTTPResponseReader(stream: ScriptedStream(pieces: pieces))
        return try reader.read(expectBody: true)
    }

    @Test("split in two at every byte, the answer reads the same", arguments: [chunked, withLength])
    func everySplit(response: [UInt8]) throws {
        for cut in 1..<response.count {
            let answer = try Self.read([Array(response[..<cut]), Array(response[cut...])])
            #expect(answer.status == 200, "cut at \(cut)")
            #expect(String(decoding: answer.body, as: UTF8.self) == Self.body, "cut at \(cut)")
        }
    }

    @Test("in pieces of every size down to one byte, the answer reads the same", arguments: [chunked, withLength])
    func everyPieceSize(response: [UInt8]) throws {
        for size in 1...response.count {
            let pieces = stride(from: 0, to: response.count, by: size).map { Array(response[$0..<min($0 + size, response.count)]) }
            let answer = try Self.read(pieces)
            #expect(answer.status == 200 && String(decoding: answer.body, as: UTF8.self) == Self.body, "pieces of \(size)")
            #expect(answer.header("content-type").map { $0 == "application/json" } ?? true)
        }
    }

    @Test("a line or a body longer than the limits is refused, not read")
    func limits() {
        let longHeader = Array(("HTTP/1.1 200 OK\r\nX: " + String(repeating: "a", count: 70_000) + "\r\n\r\n").utf8)
        #expect(throws: HTTPError.tooLarge(.head(limit: 65536))) { try Self.read([longHeader]) }
        let bigBody = Array("HTTP/1.1 200 OK\r\nContent-Length: 99999999\r\n\r\n".utf8)
        #expect(throws: HTTPError.tooLarge(.body(bytes: 99999999))) { try Self.read([bigBody]) }
        let badChunk = Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n".utf8)
        #expect(throws: HTTPError.malformedResponse(.chunkSize("zz"))) { try Self.read([badChunk]) }
        #expect(throws: HTTPError.malformedResponse(.statusLine("SSH-2.0-OpenSSH"))) {
            try Self.read([Array("SSH-2.0-OpenSSH\r\n".utf8)])
        }
    }

    @Test("each way an answer breaks HTTP/1.x is its own case; the words are made from it", arguments: [
        ("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", HTTPError.Malformation.headerWithoutName),
        ("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", .contentLength("-1")),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", .transferCoding("gzip")),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabX\r\n", .chunkWithoutCRLF),
        ("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", .closedInBody),
        ("HTTP/1.1 200 OK\r\nX: 1", .closedInHead),
    ])
    func malformations(answer: String, expected: HTTPError.Malformation) {
        #expect(throws: HTTPError.malformedResponse(expected)) { try Self.read([Array(answer.utf8)]) }
    }

    @Test("the words of a malformed or too large answer are written once, by case")
    func words() {
        #expect(HTTPError.malformedResponse(.chunkSize("zz")).description == "malformed HTTP response: chunk size \"zz\"")
        #expect(HTTPError.tooLarge(.head(limit: 65536)).description == "HTTP response too large: headers of more than 65536 bytes")
    }

    @Test("over loopback, plain and TLS, the answer written in every piece size arrives whole", arguments: [false, true])
    func loopback(tls: Bool) throws {
        let directory = try TemporaryDirectory()
        let material = tls ? try TLSMaterial.make(in: directory.url) : nil
        let sizes = Array(1...48) + [64, 100, 150, 1000]
        let server = try LoopbackHTTPServer(tls: material) { _, number in
            .answer(status: 200, headers: [("Content-Type", "application/json")], body: Self.body, chunked: number % 2 == 0,
                    piece: sizes[number / 2 % sizes.count])
        }
        let client = HTTPClient(site: try #require(SiteURL(server.url)), timeout: 5, caFile: material?.caFile)
        for attempt in 0..<(sizes.count * 2) {
            let answer = try client.send(HTTPRequest(method: "GET", path: "/api/v1/users/me"))
            #expect(answer.status == 200, "attempt \(attempt)")
            #expect(String(decoding: answer.body, as: UTF8.self) == Self.body, "attempt \(attempt)")
        }
        #expect(server.requests.count == sizes.count * 2)
    }
}
