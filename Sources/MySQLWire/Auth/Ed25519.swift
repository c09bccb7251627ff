import COpenSSL

/// Ed25519 signatures (RFC 8032) computed from a secret of any length: the secret's SHA-512
/// is the expanded key. With a 32-byte secret this is RFC 8032 exactly; MariaDB's
/// client_ed25519 uses the password itself as the secret, which OpenSSL's Ed25519 (fixed
/// 32-byte seeds) cannot do, so the group arithmetic is done here over OpenSSL's big numbers,
/// each allocation and operation checked.
/// Not constant-time: it signs one login challenge per connection on the client's own host.
enum Ed25519 {
    /// The 64-byte signature R ‖ S of `message`.
    static func sign(message: [UInt8], secret: [UInt8]) throws(MySQLError) -> [UInt8] {
        let curve = try Curve()
        let expanded = try Digest.sha512(secret)
        let scalar = try curve.scalar(littleEndian: clamp(Array(expanded[0..<32])))
        let publicKey = try curve.encode(curve.multiplyBase(scalar))
        let r = try curve.reduce(Digest.sha512(Array(expanded[32..<64]), message))
        let encodedR = try curve.encode(curve.multiplyBase(r))
        let k = try curve.reduce(Digest.sha512(encodedR, publicKey, message))
        let s = try curve.scalarAdd(r, curve.scalarMultiply(k, scalar))
        return encodedR + (try curve.littleEndian(s))
    }

    /// The 32-byte public key for `secret`.
    static func publicKey(secret: [UInt8]) throws(MySQLError) -> [UInt8] {
        let curve = try Curve()
        let expanded = try Digest.sha512(secret)
        return try curve.encode(curve.multiplyBase(curve.scalar(littleEndian: clamp(Array(expanded[0..<32])))))
    }

    private static func clamp(_ bytes: [UInt8]) -> [UInt8] {
        var scalar = bytes
        scalar[0] &= 248
        scalar[31] &= 127
        scalar[31] |= 64
        return scalar
    }
}

/// An OpenSSL BIGNUM owned by Swift.
private final class BigNumber {
    let pointer: OpaquePointer

    init() throws(MySQLError) {
        guard let pointer = BN_new() else { throw .crypto("Ed25519: cannot allocate a big number") }
        self.pointer = pointer
    }

    convenience init(decimal: String) throws(MySQLError) {
        try self.init()
        var target: OpaquePointer? = pointer
        guard BN_dec2bn(&target, decimal) == Int32(decimal.utf8.count) else {
            throw .crypto("Ed25519: cannot read a constant")
        }
    }

    deinit { BN_free(pointer) }
}

/// Throws when an OpenSSL big-number call did not return 1.
private func check(_ result: Int32, _ operation: String) throws(MySQLError) {
    guard result == 1 else {
        ERR_clear_error()
        throw .crypto("Ed25519: \(operation)")
    }
}

/// Arithmetic on edwards25519: -x² + y² = 1 + d·x²·y² over GF(2^255 − 19), points in extended
/// coordinates (X : Y : Z : T) with x = X/Z, y = Y/Z, x·y = T/Z.
private final class Curve {
    typealias Point = (x: BigNumber, y: BigNumber, z: BigNumber, t: BigNumber)

    let context: OpaquePointer
    let p: BigNumber
    let order: BigNumber
    let d2: BigNumber
    let base: Point

    init() throws(MySQLError) {
        guard let context = BN_CTX_new() else { throw .crypto("Ed25519: cannot allocate a context") }
        self.context = context
        p = try BigNumber(decimal: "57896044618658097711785492504343953926634992332820282019728792003956564819949")
        order = try BigNumber(decimal: "7237005577332262213973186563042994240857116359379907606001950938285454250989")
        let d = try BigNumber(decimal: "37095705934669439343138083508754565189542113879843219016388785533085940283555")
        d2 = try BigNumber()
        try check(BN_mod_add(d2.pointer, d.pointer, d.pointer, p.pointer, context), "2d")
        let x = try BigNumber(decimal: "15112221349535400772501151409588531511454012693041857206046113283949847762202")
        let y = try BigNumber(decimal: "46316835694926478169428394003475163141307993866256225615783033603165251855960")
        let t = try BigNumber()
        try check(BN_mod_mul(t.pointer, x.pointer, y.pointer, p.pointer, context), "base point")
        base = (x, y, try BigNumber(decimal: "1"), t)
    }

    deinit { BN_CTX_free(context) }

    private func mul(_ a: BigNumber, _ b: BigNumber) throws(MySQLError) -> BigNumber {
        let r = try BigNumber()
        try check(BN_mod_mul(r.pointer, a.pointer, b.pointer, p.pointer, context), "multiplication")
        return r
    }

    private func add(_ a: BigNumber, _ b: BigNumber) throws(MySQLError) -> BigNumber {
        let r = try BigNumber()
        try check(BN_mod_add(r.pointer, a.pointer, b.pointer, p.pointer, context), "addition")
        return r
    }

    private func sub(_ a: BigNumber, _ b: BigNumber) throws(MySQLError) -> BigNumber {
        let r = try BigNumber()
        try check(BN_mod_sub(r.pointer, a.pointer, b.pointer, p.pointer, context), "subtraction")
        return r
    }

    /// The unified addition of RFC 8032, section 5.1.4 (also correct for doubling).
    func add(_ a: Point, _ b: Point) throws(MySQLError) -> Point {
        let pa = try mul(sub(a.y, a.x), sub(b.y, b.x))
        let pb = try mul(add(a.y, a.x), add(b.y, b.x))
        let pc = try mul(mul(a.t, d2), b.t)
        let pd = try mul(add(a.z, a.z), b.z)
        let e = try sub(pb, pa), f = try sub(pd, pc), g = try add(pd, pc), h = try add(pb, pa)
        return (try mul(e, f), try mul(g, h), try mul(f, g), try mul(e, h))
    }

    /// scalar · B by double-and-add from the top bit.
    func multiplyBase(_ scalar: BigNumber) throws(MySQLError) -> Point {
        var result: Point = (try BigNumber(decimal: "0"), try BigNumber(decimal: "1"),
                             try BigNumber(decimal: "1"), try BigNumber(decimal: "0"))
        var bit = BN_num_bits(scalar.pointer) - 1
        while bit >= 0 {
            result = try add(result, result)
            if BN_is_bit_set(scalar.pointer, bit) == 1 { result = try add(result, base) }
            bit -= 1
        }
        return result
    }

    /// The 32-byte encoding: y little-endian with the sign of x in the top bit.
    func encode(_ point: Point) throws(MySQLError) -> [UInt8] {
        let inverse = try BigNumber()
        guard BN_mod_inverse(inverse.pointer, point.z.pointer, p.pointer, context) != nil else {
            ERR_clear_error()
            throw .crypto("Ed25519: inverse")
        }
        let x = try mul(point.x, inverse)
        let y = try mul(point.y, inverse)
        var bytes = try littleEndian(y)
        if BN_is_odd(x.pointer) == 1 { bytes[31] |= 0x80 }
        return bytes
    }

    func scalar(littleEndian bytes: [UInt8]) throws(MySQLError) -> BigNumber {
        let value = try BigNumber()
        guard BN_lebin2bn(bytes, Int32(bytes.count), value.pointer) != nil else {
            ERR_clear_error()
            throw .crypto("Ed25519: reading a scalar")
        }
        return value
    }

    /// A 64-byte hash as a scalar modulo the group order.
    func reduce(_ bytes: [UInt8]) throws(MySQLError) -> BigNumber {
        let value = try scalar(littleEndian: bytes)
        let result = try BigNumber()
        try check(BN_nnmod(result.pointer, value.pointer, order.pointer, context), "reduction")
        return result
    }

    func scalarAdd(_ a: BigNumber, _ b: BigNumber) throws(MySQLError) -> BigNumber {
        let r = try BigNumber()
        try check(BN_mod_add(r.pointer, a.pointer, b.pointer, order.pointer, context), "scalar addition")
        return r
    }

    func scalarMultiply(_ a: BigNumber, _ b: BigNumber) throws(MySQLError) -> BigNumber {
        let r = try BigNumber()
        try check(BN_mod_mul(r.pointer, a.pointer, b.pointer, order.pointer, context), "scalar multiplication")
        return r
    }

    func littleEndian(_ value: BigNumber) throws(MySQLError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 32)
        guard BN_bn2lebinpad(value.pointer, &bytes, 32) == 32 else { throw .crypto("Ed25519: encoding") }
        return bytes
    }
}
