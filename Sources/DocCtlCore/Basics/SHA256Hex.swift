import Crypto
import Foundation

/// Lower-case hexadecimal SHA-256: the one spelling of a hash in digests, manifests and file names.
public enum SHA256Hex {
    /// The SHA-256 of `data`, as 64 lower-case hex digits.
    public static func of(_ data: Data) -> String {
        string(SHA256.hash(data: data))
    }

    /// A finished digest (of an incremental hasher) as 64 lower-case hex digits.
    public static func string(_ digest: SHA256.Digest) -> String {
        // Two digits per byte into one buffer (a String per byte, then joined, was 2 % of a serve rebuild).
        var bytes = [UInt8]()
        bytes.reserveCapacity(64)
        for byte in digest {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let digits = Array("0123456789abcdef".utf8)
}
