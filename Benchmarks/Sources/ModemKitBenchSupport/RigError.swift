#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a benchmark rig failed at.
public struct RigError: Error, CustomStringConvertible {
    public let description: String

    init(_ operation: String, errno code: Int32 = errno) {
        description = "\(operation): \(String(cString: strerror(code)))"
    }

    public init(message: String) {
        description = message
    }
}
