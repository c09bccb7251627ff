import Testing
@testable import Notify

@Suite("Small formats")
struct WireFormatsTests {
    @Test("base64 matches RFC 4648's test vectors")
    func base64() {
        let vectors = [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="),
                       ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")]
        for (plain, encoded) in vectors {
            #expect(Base64.encode(Array(plain.utf8)) == encoded)
        }
    }

    @Test("form fields are percent-encoded, spaces as +")
    func form() {
        let body = FormEncoding.encode([("to", "ops team"), ("content", "```\na+b=c&ü\n```")])
        #expect(String(decoding: body, as: UTF8.self) == "to=ops+team&content=%60%60%60%0Aa%2Bb%3Dc%26%C3%BC%0A%60%60%60")
    }

    @Test("JSON answers are read, and garbage is not")
    func json() {
        let value = JSONValue(parsing: Array(#"{"result":"error","msg":"Stream \"x\" does not exist","code":"STREAM_DOES_NOT_EXIST","n":[1,2.5,true,null]}"#.utf8))
        #expect(value?["result"]?.stringValue == "error")
        #expect(value?["msg"]?.stringValue == "Stream \"x\" does not exist")
        #expect(value?["n"] == .array([.integer(1), .number(2.5), .bool(true), .null]))
        // Integers stay exact, to the ends of Int64.
        let extremes = JSONValue(parsing: Array("[-9223372036854775808,9223372036854775807]".utf8))
        #expect(extremes == .array([.integer(.min), .integer(.max)]))
        #expect(extremes?.serialized == "[-9223372036854775808,9223372036854775807]")
        for bad in ["", "{", "{\"a\":}", "<html>", "[1,]", String(repeating: "[", count: 200)] {
            #expect(JSONValue(parsing: Array(bad.utf8)) == nil)
        }
    }

    @Test("site URLs are parsed with their ports and paths")
    func sites() {
        #expect(SiteURL("https://zulip.example.org")?.hostHeader == "zulip.example.org")
        #expect(SiteURL("http://127.0.0.1:9000/")?.port == 9000)
        #expect(SiteURL("http://[::1]:9000/zulip")?.path == "/zulip")
        #expect(SiteURL("http://[::1]:9000/zulip")?.host == "::1")
        for bad in ["zulip.example.org", "https://", "https://user:pw@host", "http://host:0", "http://h/a?b",
                    "https://a b", "https://-bad.example", "http://h/a\r\nX-Injected: 1"] {
            #expect(SiteURL(bad) == nil)
        }
    }

    @Test("only https, or plain http to a loopback address, may carry a credential")
    func credentials() throws {
        for safe in ["https://zulip.example.org", "http://127.0.0.1:9000", "http://127.8.9.10", "http://[::1]:80", "http://localhost:1"] {
            #expect(try #require(SiteURL(safe)).protectsCredentials, "\(safe)")
        }
        for unsafe in ["http://zulip.example.org", "http://10.0.0.1", "http://[::2]", "http://128.0.0.1"] {
            #expect(try !#require(SiteURL(unsafe)).protectsCredentials, "\(unsafe)")
        }
    }

    @Test("URL-safe base64 for Pushgateway label values")
    func base64URL() {
        #expect(Base64.encode([0xFB, 0xFF], urlSafe: true) == "-_8=")
        #expect(Base64.encode([0xFB, 0xFF]) == "+/8=")
    }
}
