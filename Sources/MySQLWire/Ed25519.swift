import COpenSSL

/// Ed25519 signatures (RFC 8032) computed from a secret of any length: the secret's SHA-512
/// is the expanded key. With a 32-byte secret this is RFC 8032 exactly; MariaDB's
/// client_ed25519 uses the password itself as the secret, which OpenSSL's Ed25519 (fixed
/// 32-byte seeds) cannot do, so the group arithmetic is done here over OpenSSL's big numbers.
/// Not constant-time: it signs one login challenge per connection on the client's own host.
enum Ed25519 {
    /// The 64-byte signature R ‖ S of `message`.
    static func sign(message: [UInt8], secret: [UInt8]) -> [UInt8] {
        let curve = Curve()
        let expanded = Digest.sha512(secret)
        let scalar = clamp(Array(expanded[0..<32]))
        let publicKey = curve.encode(curve.multiplyBase(curve.scalar(littleEndian: scalar)))
        let r = curve.reduce(Digest.sha512(Array(expanded[32..<64]), message))
        let encodedR = curve.encode(curve.multiplyBase(r))
        let k = curve.reduce(Digest.sha512(encodedR, publicKey, message))
        let s = curve.scalarAdd(r, curve.scalarMultiply(k, curve.scalar(littleEndian: scalar)))
        return encodedR + curve.littleEndian(s)
    }

    /// The 32-byte public key for `secret`.
    static func publicKey(secret: [UInt8]) -> [UInt8] {
        let curve = Curve()
        let expanded = Digest.sha512(secret)
        return curve.encode(curve.multiplyBase(curve.scalar(littleEndian: clamp(Array(expanded[0..<32])))))
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

    init() { pointer = BN_new() }

    init(decimal: String) {
        var value: OpaquePointer? = nil
        BN_dec2bn(&value, decimal)
        pointer = value ?? BN_new()
    }

    deinit { BN_free(pointer) }
}

/// Arithmetic on edwards25519: -x² + y² = 1 + d·x²·y² over GF(2^255 − 19), points in extended
/// coordinates (X : Y : Z : T) with x = X/Z, y = Y/Z, x·y = T/Z.
private final class Curve {
    typealias Point = (x: BigNumber, y: BigNumber, z: BigNumber, t: BigNumber)

    let context: OpaquePointer = BN_CTX_new()
    let p = BigNumber(decimal: "57896044618658097711785492504343953926634992332820282019728792003956564819949")
    let order = BigNumber(decimal: "7237005577332262213973186563042994240857116359379907606001950938285454250989")
    let d2: BigNumber
    let base: Point

    init() {
        let d = BigNumber(decimal: "37095705934669439343138083508754565189542113879843219016388785533085940283555")
        d2 = BigNumber()
        BN_mod_add(d2.pointer, d.pointer, d.pointer, p.pointer, context)
        let x = BigNumber(decimal: "15112221349535400772501151409588531511454012693041857206046113283949847762202")
        let y = BigNumber(decimal: "46316835694926478169428394003475163141307993866256225615783033603165251855960")
        let one = BigNumber(decimal: "1")
        let t = BigNumber()
        BN_mod_mul(t.pointer, x.pointer, y.pointer, p.pointer, context)
        base = (x, y, one, t)
    }

    deinit { BN_CTX_free(context) }

    private func mul(_ a: BigNumber, _ b: BigNumber) -> BigNumber {
        let r = BigNumber()
        BN_mod_mul(r.pointer, a.pointer, b.pointer, p.pointer, context)
        return r
    }

    private func add(_ a: BigNumber, _ b: BigNumber) -> BigNumber {
        let r = BigNumber()
        BN_mod_add(r.pointer, a.pointer, b.pointer, p.pointer, context)
        return r
    }

    private func sub(_ a: BigNumber, _ b: BigNumber) -> BigNumber {
        let r = BigNumber()
        BN_mod_sub(r.pointer, a.pointer, b.pointer, p.pointer, context)
        return r
    }

    /// The unified addition of RFC 8032, section 5.1.4 (also correct for doubling).
    func add(_ a: Point, _ b: Point) -> Point {
        let pa = mul(sub(a.y, a.x), sub(b.y, b.x))
        let pb = mul(add(a.y, a.x), add(b.y, b.x))
        let pc = mul(mul(a.t, d2), b.t)
        let pd = mul(add(a.z, a.z), b.z)
        let e = sub(pb, pa), f = sub(pd, pc), g = add(pd, pc), h = add(pb, pa)
        return (mul(e, f), mul(g, h), mul(f, g), mul(e, h))
    }

    /// scalar · B by double-and-add from the top bit.
    func multiplyBase(_ scalar: BigNumber) -> Point {
        var result: Point = (BigNumber(decimal: "0"), BigNumber(decimal: "1"), BigNumber(decimal: "1"), BigNumber(decimal: "0"))
        let bits = BN_num_bits(scalar.pointer)
        var bit = bits - 1
        while bit >= 0 {
            result = add(result, result)
            if BN_is_bit_set(scalar.pointer, bit) == 1 { result = add(result, base) }
            bit -= 1
        }
        return result
    }

    /// The 32-byte encoding: y little-endian with the sign of x in the top bit.
    func encode(_ point: Point) -> [UInt8] {
        let inverse = BigNumber()
        BN_mod_inverse(inverse.pointer, point.z.pointer, p.pointer, context)
        let x = mul(point.x, inverse)
        let y = mul(point.y, inverse)
        var bytes = littleEndian(y)
        if BN_is_odd(x.pointer) == 1 { bytes[31] |= 0x80 }
        return bytes
    }

    func scalar(littleEndian bytes: [UInt8]) -> BigNumber {
        let value = BigNumber()
        BN_lebin2bn(bytes, Int32(bytes.count), value.pointer)
        return value
    }

    /// A 64-byte hash as a scalar modulo the group order.
    func reduce(_ bytes: [UInt8]) -> BigNumber {
        let value = scalar(littleEndian: bytes)
        let result = BigNumber()
        BN_nnmod(result.pointer, value.pointer, order.pointer, context)
        return result
    }

    func scalarAdd(_ a: BigNumber, _ b: BigNumber) -> BigNumber {
        let r = BigNumber()
        BN_mod_add(r.pointer, a.pointer, b.pointer, order.pointer, context)
        return r
    }

    func scalarMultiply(_ a: BigNumber, _ b: BigNumber) -> BigNumber {
        let r = BigNumber()
        BN_mod_mul(r.pointer, a.pointer, b.pointer, order.pointer, context)
        return r
    }

    func littleEndian(_ value: BigNumber) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 32)
        BN_bn2lebinpad(value.pointer, &bytes, 32)
        return bytes
    }
}
