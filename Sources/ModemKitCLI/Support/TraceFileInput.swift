#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file (or stdin for `-`) in fixed-size chunks, so that a trace of any size is
/// handled in constant memory, with a progress line on a terminal for large files.
enum TraceFileInput {
    static let chunkSize = 1 << 18

    static func forEachChunk(_ path: String, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw CLIError("cannot open \(path): \(String(cString: strerror(errno)))", exitCode: CLIExit.transport)
        }
        defer { if descriptor != STDIN_FILENO { _ = close(descriptor) } }
        var info = stat()
        let total = fstat(descriptor, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : 0
        let showProgress = Console.stderrIsTerminal && total > 64 << 20
        var done = 0
        var lastPercent = -1
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer.baseAddress, chunkSize)
            if count < 0 {
                if errno == EINTR { continue }
                throw CLIError("cannot read \(path): \(String(cString: strerror(errno)))", exitCode: CLIExit.transport)
            }
            if count == 0 { break }
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            done += count
            if showProgress {
                let percent = done * 100 / max(total, 1)
                if percent != lastPercent {
                    lastPercent = percent
                    Console.errorRaw("\r\(path): \(percent)%")
                }
            }
        }
        if showProgress { Console.errorRaw("\r\u{1B}[K") }
    }
}
