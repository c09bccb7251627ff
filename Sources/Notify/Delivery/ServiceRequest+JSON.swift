import TextRules

/// What a service's error body says: its message, its error code, and when to try again.
struct ServiceComplaint {
    var message: String?
    var code: String?
    var retryAfter: Double?
}

extension ServiceRequest {
    /// JSON headers for a request, with `extra` (an Authorization, say) after them.
    static func jsonHeaders(_ extra: [(name: String, value: String)] = []) -> [(name: String, value: String)] {
        [("Content-Type", "application/json"), ("Accept", "application/json")] + extra
    }

    /// Sends `request` once and wants a 2xx answer, whose body is returned (parsed when it is
    /// JSON). Any other status is `rejected` with what `complaint` reads from the body (or,
    /// when the body is not JSON, its beginning as text) and the Retry-After header.
    func call(_ request: HTTPRequest, carriesCredential: Bool,
              complaint: (JSONValue) -> ServiceComplaint) throws(DeliveryError) -> (status: Int, json: JSONValue?) {
        let response = try send(request, carriesCredential: carriesCredential)
        let json = JSONValue(parsing: response.body)
        if (200..<300).contains(response.status) { return (response.status, json) }
        var said = json.map(complaint) ?? ServiceComplaint()
        if json == nil {
            let text = String(decoding: response.body.prefix(300), as: UTF8.self).trimmingWhitespace()
            if !text.isEmpty { said.message = String(text) }
        }
        throw failure(.rejected(status: response.status, message: said.message, code: said.code,
                                retryAfter: said.retryAfter ?? response.retryAfterSeconds))
    }
}

extension JSONValue {
    /// A number as seconds, or nil.
    var seconds: Double? {
        switch self {
        case let .number(value): return value.isFinite && value >= 0 ? value : nil
        case let .integer(value): return value >= 0 ? Double(value) : nil
        default: return nil
        }
    }
}
