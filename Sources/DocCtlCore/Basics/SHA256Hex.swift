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
        digest.map { byte in byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16) }.joined()
    }
}
